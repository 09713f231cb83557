package main

import data.lib.testing
import rego.v1

test_promised_labels_pass if {
	count(deny_labels) == 0 with input as testing.deployment
	count(deny_environment_label) == 0 with input as testing.deployment with data.environment as testing.production
}

test_missing_label_is_denied if {
	labels := object.remove(testing.labels, ["app.kubernetes.io/part-of"])
	findings := deny_labels with input as object.union(object.remove(testing.deployment, ["metadata"]), {"metadata": {"name": "api", "namespace": "video-app", "labels": labels}})
	testing.rule_ids(findings) == {"K8S-LBL-001"}
	{finding.field | some finding in findings} == {"metadata.labels[\"app.kubernetes.io/part-of\"]"}
}

test_pods_need_a_version_label if {
	labels := object.remove(testing.labels, ["app.kubernetes.io/version"])
	obj := object.union(object.remove(testing.deployment, ["spec"]), {"spec": {
		"selector": testing.deployment.spec.selector,
		"template": {"metadata": {"labels": labels}, "spec": testing.pod_spec},
	}})
	findings := deny_labels with input as obj
	{finding.field | some finding in findings} == {"spec.template.metadata.labels[\"app.kubernetes.io/version\"]"}
}

test_objects_need_no_version_label if {
	labels := object.remove(testing.labels, ["app.kubernetes.io/version"])
	obj := object.union(object.remove(testing.deployment, ["metadata"]), {"metadata": {"name": "api", "namespace": "video-app", "labels": labels}})
	count(deny_labels) == 0 with input as obj
}

test_other_objects_need_no_version_label if {
	labels := object.remove(testing.labels, ["app.kubernetes.io/version"])
	config_map := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "api", "namespace": "video-app", "labels": labels}}
	count(deny_labels) == 0 with input as config_map
}

test_wrong_environment_label_is_denied if {
	findings := deny_environment_label with input as testing.deployment with data.environment as testing.staging
	testing.rule_ids(findings) == {"K8S-LBL-002"}
}

test_environment_label_unchecked_without_environment if {
	count(deny_environment_label) == 0 with input as testing.deployment
}
