package main

import data.lib.testing
import rego.v1

test_probes_pass if {
	count(deny_readiness_probe) == 0 with input as testing.deployment
	count(deny_liveness_probe) == 0 with input as testing.deployment
}

test_missing_readiness_probe_is_denied if {
	findings := deny_readiness_probe with input as testing.deployment_with_only(object.remove(testing.container, ["readinessProbe"]))
	testing.rule_ids(findings) == {"K8S-PRB-001"}
	count(deny_liveness_probe) == 0 with input as testing.deployment_with_only(object.remove(testing.container, ["readinessProbe"]))
}

test_missing_liveness_probe_is_denied if {
	findings := deny_liveness_probe with input as testing.deployment_with_only(object.remove(testing.container, ["livenessProbe"]))
	testing.rule_ids(findings) == {"K8S-PRB-002"}
}

test_jobs_need_no_probes if {
	count(deny_readiness_probe) == 0 with input as object.union(testing.cronjob, {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [object.remove(testing.container, ["readinessProbe", "livenessProbe"])]}}}}}})
}

test_init_containers_need_no_probes if {
	init := object.remove(testing.container, ["readinessProbe", "livenessProbe"])
	count(deny_readiness_probe) == 0 with input as testing.deployment_with_pod({"initContainers": [init]})
}

test_rollout_containers_need_probes_too if {
	without := testing.deployment_with_only(object.remove(testing.container, ["readinessProbe", "livenessProbe"]))
	rollout := object.union(without, {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout"})
	testing.rule_ids(deny_readiness_probe) == {"K8S-PRB-001"} with input as rollout
	testing.rule_ids(deny_liveness_probe) == {"K8S-PRB-002"} with input as rollout
	count(deny_readiness_probe) == 0 with input as object.union(testing.deployment, {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout"})
}
