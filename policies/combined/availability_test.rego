package combined

import data.lib.testing
import rego.v1

test_clean_environment_passes if {
	count(combined_rules(environment, testing.production)) == 0
}

test_missing_pdb_is_denied if {
	combined_rules(without_kind(environment, "PodDisruptionBudget"), testing.production) == {"K8S-AVL-001"}
}

test_pdb_selecting_other_pods_does_not_count if {
	other := object.union(pdb, {"spec": {"selector": {"matchLabels": {"app.kubernetes.io/name": "web"}}}})
	objects := array.concat(without_kind(environment, "PodDisruptionBudget"), [other])
	combined_rules(objects, testing.production) == {"K8S-AVL-001"}
}

test_pdb_of_another_namespace_does_not_count if {
	elsewhere := object.union(pdb, {"metadata": {"namespace": "other"}})
	objects := array.concat(without_kind(environment, "PodDisruptionBudget"), [elsewhere])
	combined_rules(objects, testing.production) == {"K8S-AVL-001"}
}

test_pdb_match_expressions_are_understood if {
	expressions := object.union(object.remove(pdb, ["spec"]), {"spec": {"maxUnavailable": 1, "selector": {"matchExpressions": [{"key": "app.kubernetes.io/name", "operator": "In", "values": ["api", "web"]}]}}})
	objects := array.concat(without_kind(environment, "PodDisruptionBudget"), [expressions])
	count(combined_rules(objects, testing.production)) == 0
}

test_single_replica_needs_no_pdb_outside_production if {
	single := object.union(hpa, {"spec": {"minReplicas": 1}})
	objects := array.concat(without_kind(without_kind(environment, "PodDisruptionBudget"), "HorizontalPodAutoscaler"), [single])
	count(combined_rules(objects, testing.staging)) == 0
}

test_production_needs_three_replicas if {
	two := object.union(hpa, {"spec": {"minReplicas": 2}})
	objects := array.concat(without_kind(environment, "HorizontalPodAutoscaler"), [two])
	combined_rules(objects, testing.production) == {"K8S-AVL-002"}
	count(combined_rules(objects, testing.staging)) == 0
}

test_production_deployment_without_hpa_or_replicas_is_denied if {
	objects := without_kind(environment, "HorizontalPodAutoscaler")
	combined_rules(objects, testing.production) == {"K8S-AVL-002"}
}

test_production_replicas_without_hpa_pass if {
	deployment := object.union(testing.deployment, {"spec": {"replicas": 3}})
	objects := array.concat(without_kind(without_kind(environment, "HorizontalPodAutoscaler"), "Deployment"), [deployment])
	count(combined_rules(objects, testing.production)) == 0
}

test_hpa_without_target_is_denied if {
	stray := object.union(hpa, {"metadata": {"name": "gone"}, "spec": {"scaleTargetRef": {"name": "gone"}}})
	findings := deny_hpa_target with input as testing.combined(array.concat(environment, [stray]))
	testing.rule_ids(findings) == {"K8S-AVL-003"}
	some finding in findings
	finding.object == "HorizontalPodAutoscaler/video-app/gone"
	finding._loc.file == "dist/production/6.yaml"
}
