# The combined input (conftest --combine): `input` is an array of {path, contents}, one entry per
# document of the environment. These helpers index it for the cross-object rules.
package combined

import data.lib.kubernetes as k8s
import rego.v1

# Every document that is a Kubernetes object.
items contains item if {
	some item in input
	is_object(item.contents)
	item.contents.kind
}

items_of_kind(kind) := {item | some item in items; item.contents.kind == kind}

# Objects that run pods, and the HPAs that scale them.
workloads := {item | some item in items; item.contents.kind in k8s.template_kinds}

# The workloads of each namespace, and by each label of their pods: computed once per input, so that
# matching a selector looks up candidates instead of scanning every workload for every selector.
workloads_in_namespace[namespace] contains workload if {
	some workload in workloads
	namespace := k8s.namespace(workload.contents)
}

workloads_by_pod_label[namespace][key][value] contains workload if {
	some workload in workloads
	namespace := k8s.namespace(workload.contents)
	some key, value in k8s.pod_labels(workload.contents)
}

# The workloads of a namespace whose pods a label selector ({matchLabels, matchExpressions}) may
# select: a pod must carry every matchLabels pair, so those carrying the rarest pair, or every
# workload of the namespace when there are no matchLabels. Callers still match the whole selector.
selector_candidates(namespace, selector) := object.get(workloads_in_namespace, namespace, set()) if {
	count(object.get(selector, "matchLabels", {})) == 0
}

selector_candidates(namespace, selector) := object.get(workloads_by_pod_label, [namespace, key, match_labels[key]], set()) if {
	match_labels := object.get(selector, "matchLabels", {})
	[_, key] := min({[count(object.get(workloads_by_pod_label, [namespace, k, v], set())), k] | some k, v in match_labels})
}

# The HorizontalPodAutoscalers that scale a workload (normally none or one).
hpas_of(workload) := {hpa |
	some hpa in items_of_kind("HorizontalPodAutoscaler")
	k8s.namespace(hpa.contents) == k8s.namespace(workload.contents)
	hpa.contents.spec.scaleTargetRef.kind == workload.contents.kind
	hpa.contents.spec.scaleTargetRef.name == workload.contents.metadata.name
}

autoscaled(workload) if count(hpas_of(workload)) > 0

# The fewest pods a workload runs: its HPA's minimum when an HPA scales it, else spec.replicas
# (default 1).
min_replicas(workload) := min({object.get(hpa.contents.spec, "minReplicas", 1) | some hpa in hpas_of(workload)}) if {
	autoscaled(workload)
}

min_replicas(workload) := object.get(workload.contents.spec, "replicas", 1) if {
	not autoscaled(workload)
}

# A workload deliberately scaled to zero (an idle blue/green color) runs no pods.
scaled_to_zero(workload) if {
	workload.contents.spec.replicas == 0
	not autoscaled(workload)
}
