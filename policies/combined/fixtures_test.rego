# Objects of a clean production environment for the combined rules' tests.
package combined

import data.lib.testing
import rego.v1

hpa := {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}, "minReplicas": 3, "maxReplicas": 10},
}

pdb := {
	"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
	"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
	"spec": {"maxUnavailable": 1, "selector": {"matchLabels": testing.selector}},
}

service := {
	"apiVersion": "v1", "kind": "Service",
	"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
	"spec": {"selector": testing.selector, "ports": [{"name": "http", "port": 8080, "targetPort": "http"}]},
}

service_account := {
	"apiVersion": "v1", "kind": "ServiceAccount",
	"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
	"automountServiceAccountToken": false,
}

default_deny := {
	"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
	"metadata": {"name": "default-deny", "namespace": "video-app", "labels": testing.labels},
	"spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]},
}

environment := [testing.deployment, hpa, pdb, service, service_account, default_deny]

# The rule ids found in a combined input of these objects.
combined_rules(objects, env) := ids if {
	results := [
		deny_pdb_missing, deny_production_replicas, deny_hpa_target, deny_default_deny_missing,
		deny_service_selector, deny_service_idle_target, deny_token_mount,
	] with input as testing.combined(objects)
		with data.environment as env
	ids := {finding.rule | some findings in results; some finding in findings}
}

# A list without the objects of a kind.
without_kind(objects, kind) := [obj | some obj in objects; obj.kind != kind]

# A blue/green pair: `color` Deployments with the color label, active Service on `active`.
color_deployment(color, replicas) := object.union(testing.deployment, {
	"metadata": {"name": sprintf("api-%s", [color]), "labels": {"color": color}},
	"spec": object.union(
		{"selector": {"matchLabels": object.union(testing.selector, {"color": color})}, "template": {"metadata": {"labels": {"color": color}}}},
		replicas,
	),
})

color_hpa(color) := object.union(hpa, {"metadata": {"name": sprintf("api-%s", [color])}, "spec": {"scaleTargetRef": {"name": sprintf("api-%s", [color])}}})

color_pdb(color) := object.union(pdb, {"metadata": {"name": sprintf("api-%s", [color])}, "spec": {"selector": {"matchLabels": {"color": color}}}})

color_service(name, color) := object.union(service, {"metadata": {"name": name}, "spec": {"selector": {"color": color}}})
