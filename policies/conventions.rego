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

# K8S-LBL-001: every object carries the promised labels; objects that run pods also carry the version.
deny_labels contains finding if {
	some label in required_labels
	not k8s.has_key(k8s.labels(input), label)
	finding := k8s.finding("K8S-LBL-001", input, sprintf("metadata.labels[%q]", [label]), sprintf("label %s is missing; objects carry %v", [label, required_labels]))
}

required_labels := promised_labels if not input.kind in k8s.pod_kinds

required_labels := array.concat(promised_labels, ["app.kubernetes.io/version"]) if input.kind in k8s.pod_kinds

# K8S-LBL-002: the environment label names the environment the manifest was synthesized for.
deny_environment_label contains finding if {
	expected := k8s.environment.name
	actual := k8s.labels(input).environment
	actual != expected
	finding := k8s.finding("K8S-LBL-002", input, "metadata.labels[\"environment\"]", sprintf("is %q in the %s environment; synthesize it for %s", [actual, expected, expected]))
}
