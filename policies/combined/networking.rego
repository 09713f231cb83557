# Networking across objects: default-deny NetworkPolicies, Services that route to exactly one
# workload, blue/green Services that route to running pods.
package combined

import data.lib.kubernetes as k8s
import rego.v1

# Namespaces that hold pods (or are declared here) and so need a default-deny policy.
pod_namespaces contains k8s.namespace(item.contents) if {
	some item in items
	item.contents.kind in k8s.pod_kinds
}

pod_namespaces contains item.contents.metadata.name if {
	some item in items_of_kind("Namespace")
}

# K8S-NET-001: every namespace denies all ingress and egress unless another policy allows it.
deny_default_deny_missing contains finding if {
	some namespace in pod_namespaces
	some direction in ["Ingress", "Egress"]
	not denies_by_default(namespace, direction)
	finding := {
		"msg": sprintf("K8S-NET-001: Namespace/%s: NetworkPolicy: no default-deny policy for %s (podSelector: {} with policyTypes [%s] and no rules); add one", [namespace, direction, direction]),
		"rule": "K8S-NET-001",
		"object": sprintf("Namespace/%s", [namespace]),
		"field": "NetworkPolicy",
	}
}

denies_by_default(namespace, direction) if {
	some policy in items_of_kind("NetworkPolicy")
	k8s.namespace(policy.contents) == namespace
	spec := policy.contents.spec
	count(object.get(spec, ["podSelector", "matchLabels"], {})) == 0
	count(object.get(spec, ["podSelector", "matchExpressions"], [])) == 0
	direction in object.get(spec, "policyTypes", [])
	count(object.get(spec, lower(direction), [])) == 0
}

# The workloads whose pods a Service selects.
selected_workloads(service) := {workload |
	some workload in selector_candidates(k8s.namespace(service.contents), {"matchLabels": service.contents.spec.selector})
	k8s.service_selects(service.contents.spec.selector, k8s.pod_labels(workload.contents))
}

services_with_selector contains service if {
	some service in items_of_kind("Service")
	count(object.get(service.contents.spec, "selector", {})) > 0
}

# K8S-NET-002: a Service routes to the pods of exactly one workload (for blue/green, one color).
deny_service_selector contains finding if {
	some service in services_with_selector
	selected := selected_workloads(service)
	count(selected) != 1
	names := sort([k8s.name(workload.contents) | some workload in selected])
	finding := k8s.located_finding("K8S-NET-002", service, "spec.selector", sprintf("selects the pods of %d workloads %v; it must select exactly one (for blue/green, one color)", [count(selected), names]))
}

# K8S-NET-003: a live Service (any but a blue/green `-preview`) routes to a workload that runs pods.
deny_service_idle_target contains finding if {
	some service in services_with_selector
	not endswith(service.contents.metadata.name, "-preview")
	some workload in selected_workloads(service)
	scaled_to_zero(workload)
	finding := k8s.located_finding("K8S-NET-003", service, "spec.selector", sprintf("routes to %s, which is scaled to zero and has no HorizontalPodAutoscaler; switch to the color that runs", [k8s.name(workload.contents)]))
}
