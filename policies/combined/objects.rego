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
