# Availability across objects: disruption budgets, production replica counts, autoscaler targets.
package combined

import data.lib.kubernetes as k8s
import rego.v1

# Workloads that keep a number of interchangeable pods running (an Argo Rollouts Rollout is a
# Deployment with release steps).
replicated_kinds := {"Deployment", "StatefulSet", "Rollout"}

# K8S-AVL-001: a workload with two or more pods has a PodDisruptionBudget that selects its pods, so
# that a node drain never takes them all at once.
deny_pdb_missing contains finding if {
	some workload in workloads
	workload.contents.kind in replicated_kinds
	min_replicas(workload) >= 2
	not protected(workload)
	finding := k8s.located_finding("K8S-AVL-001", workload, "spec.template.metadata.labels", sprintf("runs %v or more pods but no PodDisruptionBudget selects them; add one", [min_replicas(workload)]))
}

protected(workload) if workload in protected_workloads

# The workloads whose pods a PodDisruptionBudget of their namespace selects.
protected_workloads contains workload if {
	some pdb in items_of_kind("PodDisruptionBudget")
	selector := object.get(pdb.contents.spec, "selector", {})
	some workload in selector_candidates(k8s.namespace(pdb.contents), selector)
	k8s.selector_matches(selector, k8s.pod_labels(workload.contents))
}

# K8S-AVL-002: production survives the loss of a zone: every active workload keeps 3 or more pods.
deny_production_replicas contains finding if {
	k8s.production
	some workload in workloads
	workload.contents.kind in replicated_kinds
	not scaled_to_zero(workload)
	min_replicas(workload) < 3
	finding := k8s.located_finding("K8S-AVL-002", workload, replicas_field(workload), sprintf("runs at least %v pods; production runs at least 3 (replicas or HPA minReplicas)", [min_replicas(workload)]))
}

replicas_field(workload) := "spec.replicas" if not autoscaled(workload)

replicas_field(workload) := "spec.replicas (HorizontalPodAutoscaler spec.minReplicas)" if autoscaled(workload)

# K8S-AVL-003: an HPA scales an object of this environment.
deny_hpa_target contains finding if {
	some hpa in items_of_kind("HorizontalPodAutoscaler")
	target := hpa.contents.spec.scaleTargetRef
	not target_exists(hpa.contents, target)
	finding := k8s.located_finding("K8S-AVL-003", hpa, "spec.scaleTargetRef", sprintf("targets %s/%s, which is not in this environment", [target.kind, target.name]))
}

target_exists(hpa, target) if {
	some item in items
	item.contents.kind == target.kind
	item.contents.metadata.name == target.name
	k8s.namespace(item.contents) == k8s.namespace(hpa)
}
