package main

import data.lib.testing
import rego.v1

ingress := {
	"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
	"metadata": {"name": "video-platform", "namespace": "video-app", "labels": testing.labels},
	"spec": {
		"ingressClassName": "nginx",
		"tls": [{"hosts": ["api.example.com"], "secretName": "api-example-com-tls"}],
		"rules": [{"host": "api.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"name": "http"}}}}]}}],
	},
}

test_tls_ingress_with_class_passes if {
	count(deny_ingress_tls) == 0 with input as ingress
	count(deny_ingress_class) == 0 with input as ingress
}

test_host_without_tls_is_denied if {
	obj := object.union(ingress, {"spec": {"rules": [{"host": "api.example.com"}, {"host": "www.example.com"}]}})
	findings := deny_ingress_tls with input as obj
	testing.rule_ids(findings) == {"K8S-NET-004"}
	{finding.field | some finding in findings} == {"spec.rules[1].host"}
}

test_ingress_without_class_is_denied if {
	obj := object.union(object.remove(ingress, ["spec"]), {"spec": object.remove(ingress.spec, ["ingressClassName"])})
	findings := deny_ingress_class with input as obj
	testing.rule_ids(findings) == {"K8S-NET-005"}
}

test_ingress_class_annotation_is_accepted if {
	obj := object.union(
		object.union(object.remove(ingress, ["spec"]), {"spec": object.remove(ingress.spec, ["ingressClassName"])}),
		{"metadata": {"annotations": {"kubernetes.io/ingress.class": "nginx"}}},
	)
	count(deny_ingress_class) == 0 with input as obj
}
