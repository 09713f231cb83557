# Probes: every long-running container (of a Deployment, or of an Argo Rollouts Rollout, which
# replaces one for canary releases) tells Kubernetes when it is ready and when it is stuck.
package main

import data.lib.kubernetes as k8s
import rego.v1

long_running_kinds := {"Deployment", "Rollout"}

# K8S-PRB-001: without a readiness probe a pod receives traffic before it can serve it.
deny_readiness_probe contains finding if {
	input.kind in long_running_kinds
	some entry in k8s.app_containers(input)
	not entry.container.readinessProbe
	finding := k8s.finding("K8S-PRB-001", input, sprintf("%s.readinessProbe", [entry.path]), sprintf("container %q has no readiness probe; add one", [entry.container.name]))
}

# K8S-PRB-002: without a liveness probe a hung container is never restarted.
deny_liveness_probe contains finding if {
	input.kind in long_running_kinds
	some entry in k8s.app_containers(input)
	not entry.container.livenessProbe
	finding := k8s.finding("K8S-PRB-002", input, sprintf("%s.livenessProbe", [entry.path]), sprintf("container %q has no liveness probe; add one", [entry.container.name]))
}
