# Helpers shared by every policy: naming objects, finding pod specs and containers with their JSON
# paths, label selectors, and the finding shape (conftest metadata object with `msg`).
package lib.kubernetes

import rego.v1

# Kinds whose spec holds a pod template at spec.template.spec (an Argo Rollouts Rollout has the
# Deployment's shape there).
template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController", "Rollout"}

# Kinds that run pods (the pod-security rules read pod_spec, which knows a few more kinds).
pod_kinds := template_kinds | {"CronJob", "Pod"}

# "Kind/namespace/name", or "Kind/name" for an object without namespace.
name(obj) := concat("/", [part |
	some part in [
		object.get(obj, "kind", ""),
		object.get(obj, ["metadata", "namespace"], ""),
		object.get(obj, ["metadata", "name"], ""),
	]
	part != ""
])

namespace(obj) := object.get(obj, ["metadata", "namespace"], "")

labels(obj) := object.get(obj, ["metadata", "labels"], {})

# The pod template of an object: its pod spec and metadata, and the JSON paths they sit at.
# Covers the workload kinds above, CronJob, a bare Pod, PodTemplate, and Argo Rollouts' Rollout
# (whose spec.template is a pod template too; a Rollout with a workloadRef instead has none).
pod_spec(obj) := {
	"spec": template.spec,
	"path": location.spec_path,
	"metadata": object.get(template, "metadata", {}),
	"metadata_path": location.metadata_path,
} if {
	location := pod_template_locations[obj.kind]
	startswith(object.get(obj, "apiVersion", ""), location.api_group)
	template := object.get(obj, location.template, null)
	is_object(template.spec)
}

# Where each kind keeps its pod template (one lookup per object, however many kinds there are).
pod_template_locations := object.union(
	{kind: location("", ["spec", "template"], "spec.template.") | some kind in template_kinds},
	{
		"CronJob": location("", ["spec", "jobTemplate", "spec", "template"], "spec.jobTemplate.spec.template."),
		"Pod": location("", [], ""),
		"PodTemplate": location("", ["template"], "template."),
		"Rollout": location("argoproj.io/", ["spec", "template"], "spec.template."),
	},
)

location(api_group, template, prefix) := {
	"api_group": api_group,
	"template": template,
	"spec_path": concat("", [prefix, "spec"]),
	"metadata_path": concat("", [prefix, "metadata"]),
}

# Labels of the pods an object creates.
pod_labels(obj) := object.get(obj, ["spec", "template", "metadata", "labels"], {}) if {
	obj.kind in template_kinds
}

pod_labels(obj) := object.get(obj, ["spec", "jobTemplate", "spec", "template", "metadata", "labels"], {}) if {
	obj.kind == "CronJob"
}

pod_labels(obj) := labels(obj) if {
	obj.kind == "Pod"
}

# Every container of an object (init, regular and ephemeral) as {container, path, init}.
containers(obj) := [entry |
	pod := pod_spec(obj)
	some field in ["initContainers", "containers", "ephemeralContainers"]
	some i, container in object.get(pod.spec, field, [])
	entry := {
		"container": container,
		"path": sprintf("%s.%s[%d]", [pod.path, field, i]),
		"init": field != "containers",
	}
]

# The containers and the pod spec of `input` (one manifest), computed once per evaluation for all
# the rules of package main.
input_containers := containers(input)

input_pod_spec := pod_spec(input)

# The regular (long-running) containers only.
app_containers(obj) := [entry | some entry in containers(obj); not entry.init]

# A label selector ({matchLabels, matchExpressions}) matches a label set.
selector_matches(selector, pod_labels) if {
	every key, value in object.get(selector, "matchLabels", {}) {
		pod_labels[key] == value
	}
	every requirement in object.get(selector, "matchExpressions", []) {
		expression_matches(requirement, pod_labels)
	}
}

expression_matches(requirement, pod_labels) if {
	requirement.operator == "In"
	pod_labels[requirement.key] in requirement.values
}

expression_matches(requirement, pod_labels) if {
	requirement.operator == "NotIn"
	not pod_labels[requirement.key] in requirement.values
}

expression_matches(requirement, pod_labels) if {
	requirement.operator == "Exists"
	_ = pod_labels[requirement.key]
}

expression_matches(requirement, pod_labels) if {
	requirement.operator == "DoesNotExist"
	not has_key(pod_labels, requirement.key)
}

# A Service's plain selector (a label map) matches a label set; an empty selector matches nothing
# here, because Kubernetes then manages no endpoints for it.
service_selects(selector, pod_labels) if {
	count(selector) > 0
	every key, value in selector {
		pod_labels[key] == value
	}
}

has_key(obj, key) if {
	_ = obj[key]
}

# The environment the manifests belong to (data.environment, from environments/<env>.yaml); empty
# when the runner is given none.
default environment := {}

environment := data.environment

production if environment.name == "production"

# A finding in conftest's structured form: `msg` is what conftest prints; the other fields are
# metadata (the rule id, the object, and the JSON path of the offending field).
finding(rule, obj, field, detail) := {
	"msg": sprintf("%s: %s: %s: %s", [rule, name(obj), field, detail]),
	"rule": rule,
	"object": name(obj),
	"field": field,
}

# A finding about an object of a combined input, located in the file it came from.
located_finding(rule, item, field, detail) := object.union(finding(rule, item.contents, field, detail), {"_loc": {"file": item.path}})
