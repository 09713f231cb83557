package main

import data.lib.testing
import rego.v1

test_secret_references_pass if {
	count(deny_secret_env) == 0 with input as testing.deployment
	count(deny_secret_object) == 0 with input as testing.deployment
}

test_secret_object_is_denied if {
	secret := {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "api-database", "namespace": "video-app"}, "data": {"password": "aHVudGVyMg=="}}
	testing.rule_ids(deny_secret_object) == {"K8S-SCR-001"} with input as secret
}

test_literal_secret_env_is_denied if {
	obj := testing.deployment_with_container({"env": [{"name": "API_TOKEN", "value": "abc123"}]})
	findings := deny_secret_env with input as obj
	testing.rule_ids(findings) == {"K8S-SCR-002"}
	some finding in findings
	finding.field == "spec.template.spec.containers[0].env[0].value"
}

test_plain_env_passes if {
	count(deny_secret_env) == 0 with input as testing.deployment_with_container({"env": [{"name": "LOG_LEVEL", "value": "debug"}, {"name": "CACHE_TTL", "value": "60"}]})
}
