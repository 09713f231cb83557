# Argo Rollouts Rollouts are workloads like Deployments: the cross-object rules select their pods,
# count their replicas and accept them as autoscaler targets.
package combined

import data.lib.kubernetes as k8s
import data.lib.testing
import rego.v1

rollout := object.union(object.remove(testing.deployment, ["apiVersion", "kind"]), {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout"})

rollout_hpa := object.union(hpa, {"spec": {"scaleTargetRef": {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "name": "api"}}})

canary_service := object.union(service, {"metadata": {"name": "api-canary"}})

# A canary service: the Rollout, its HPA and PDB, the stable and the canary Service.
canary_environment := [rollout, rollout_hpa, pdb, service, canary_service, service_account, default_deny]

test_rollout_has_the_deployment_pod_spec if {
	pod := k8s.pod_spec(rollout)
	pod.spec == testing.deployment.spec.template.spec
	pod.path == "spec.template.spec"
	k8s.pod_labels(rollout) == testing.deployment.spec.template.metadata.labels
}

test_clean_canary_environment_passes if {
	count(combined_rules(canary_environment, testing.production)) == 0
}

test_rollout_without_pdb_is_denied if {
	combined_rules(without_kind(canary_environment, "PodDisruptionBudget"), testing.production) == {"K8S-AVL-001"}
}

test_rollout_in_production_needs_three_replicas if {
	two := object.union(rollout_hpa, {"spec": {"minReplicas": 2}})
	objects := array.concat(without_kind(canary_environment, "HorizontalPodAutoscaler"), [two])
	combined_rules(objects, testing.production) == {"K8S-AVL-002"}
	count(combined_rules(objects, testing.staging)) == 0
}

test_hpa_must_name_the_rollout_kind if {
	# An HPA aimed at a Deployment of the Rollout's name scales nothing.
	objects := array.concat(without_kind(canary_environment, "HorizontalPodAutoscaler"), [hpa])
	"K8S-AVL-003" in combined_rules(objects, testing.production)
}

test_services_select_one_rollout if {
	# Both the stable and the canary Service select the Rollout's pods: one workload each.
	selections := [count(selected_workloads({"path": "x.yaml", "contents": item})) | some item in [service, canary_service]] with input as testing.combined(canary_environment)
	selections == [1, 1]
}

test_service_selecting_a_rollout_and_a_deployment_is_denied if {
	objects := array.concat(canary_environment, [testing.deployment])
	"K8S-NET-002" in combined_rules(objects, testing.production)
}

test_rollout_mounting_an_unbound_token_is_denied if {
	mounting := object.union(rollout, {"spec": {"template": {"spec": {"automountServiceAccountToken": true}}}})
	objects := array.concat(without_kind(canary_environment, "Rollout"), [mounting])
	combined_rules(objects, testing.production) == {"K8S-SA-001"}
}
