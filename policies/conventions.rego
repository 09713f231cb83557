# Conventions: the labels the platform promises on every object (lib/constructs/labels.ts), which
# dashboards, NetworkPolicies, cost reports and `kubectl get -l` rely on.
package main

import data.lib.kubernetes as k8s
import rego.v1

promised_labels := [
	"app.kubernetes.io/name",
	"app.kubernetes.io/instance",
	"app.kubernetes.io/component",
	"app.kubernetes.io/part-of",
	"app.kubernetes.io/managed-by",
	"environment",
]

# K8S-LBL-001: every object carries the promised labels, and the pods an object runs carry them
# plus the version they run.
deny_labels contains finding if {
	some label in promised_labels
	not k8s.has_key(k8s.labels(input), label)
	finding := k8s.finding("K8S-LBL-001", input, sprintf("metadata.labels[%q]", [label]), sprintf("label %s is missing; objects carry %v", [label, promised_labels]))
}

deny_labels contains finding if {
	input.kind in k8s.pod_kinds
	input.kind != "Pod"
	pod_labels := k8s.pod_labels(input)
	some label in array.concat(promised_labels, ["app.kubernetes.io/version"])
	not k8s.has_key(pod_labels, label)
	field := sprintf("%s.metadata.labels[%q]", [pod_template_path[input.kind], label])
	finding := k8s.finding("K8S-LBL-001", input, field, sprintf("pod label %s is missing; pods carry the promised labels and app.kubernetes.io/version", [label]))
}

pod_template_path := object.union({kind: "spec.template" | some kind in k8s.template_kinds}, {"CronJob": "spec.jobTemplate.spec.template"})

# K8S-LBL-002: the environment label names the environment the manifest was synthesized for.
deny_environment_label contains finding if {
	expected := k8s.environment.name
	actual := k8s.labels(input).environment
	actual != expected
	finding := k8s.finding("K8S-LBL-002", input, "metadata.labels[\"environment\"]", sprintf("is %q in the %s environment; synthesize it for %s", [actual, expected, expected]))
}
