package main

import data.lib.testing
import rego.v1

test_requests_and_limits_pass if {
	count(deny_resources) == 0 with input as testing.deployment
	count(deny_memory_ratio) == 0 with input as testing.deployment
}

test_missing_limits_are_denied if {
	findings := deny_resources with input as testing.deployment_with_only(object.union(object.remove(testing.container, ["resources"]), {"resources": {"requests": {"cpu": "250m", "memory": "256Mi"}}}))
	testing.rule_ids(findings) == {"K8S-RES-001"}
	{finding.field | some finding in findings} == {
		"spec.template.spec.containers[0].resources.limits.cpu",
		"spec.template.spec.containers[0].resources.limits.memory",
	}
}

test_missing_resources_report_all_four if {
	findings := deny_resources with input as testing.deployment_with_only(object.remove(testing.container, ["resources"]))
	count(findings) == 4
}

test_memory_limit_above_four_times_request_is_denied if {
	findings := deny_memory_ratio with input as testing.deployment_with_container({"resources": {"requests": {"memory": "128Mi"}, "limits": {"memory": "1Gi"}}})
	testing.rule_ids(findings) == {"K8S-RES-002"}
}

test_memory_limit_of_exactly_four_times_passes if {
	count(deny_memory_ratio) == 0 with input as testing.deployment_with_container({"resources": {"requests": {"memory": "256Mi"}, "limits": {"memory": "1Gi"}}})
}

test_memory_quantities_in_mixed_units if {
	count(deny_memory_ratio) == 1 with input as testing.deployment_with_container({"resources": {"requests": {"memory": "100M"}, "limits": {"memory": "1Gi"}}})
}
