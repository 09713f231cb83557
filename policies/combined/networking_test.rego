package combined

import data.lib.testing
import rego.v1

blue_green := [
	color_deployment("blue", {}), color_hpa("blue"), color_pdb("blue"),
	color_deployment("green", {"replicas": 0}),
	color_service("api", "blue"), color_service("api-preview", "green"),
	service_account, default_deny,
]

test_blue_green_environment_passes if {
	count(combined_rules(blue_green, testing.production)) == 0
}

test_missing_default_deny_is_denied if {
	findings := deny_default_deny_missing with input as testing.combined(without_kind(environment, "NetworkPolicy"))
	testing.rule_ids(findings) == {"K8S-NET-001"}
	count(findings) == 2
}

test_ingress_only_default_deny_is_not_enough if {
	ingress_only := object.union(default_deny, {"spec": {"policyTypes": ["Ingress"]}})
	objects := array.concat(without_kind(environment, "NetworkPolicy"), [ingress_only])
	findings := deny_default_deny_missing with input as testing.combined(objects)
	count(findings) == 1
}

test_policy_with_allow_rules_is_not_default_deny if {
	allowing := object.union(default_deny, {"spec": {"ingress": [{"from": [{"podSelector": {}}]}]}})
	objects := array.concat(without_kind(environment, "NetworkPolicy"), [allowing])
	combined_rules(objects, testing.production) == {"K8S-NET-001"}
}

test_service_selecting_both_colors_is_denied if {
	both := object.union(service, {"metadata": {"name": "api-all"}})
	findings := deny_service_selector with input as testing.combined(array.concat(blue_green, [both]))
	testing.rule_ids(findings) == {"K8S-NET-002"}
	some finding in findings
	finding.object == "Service/video-app/api-all"
}

test_service_selecting_nothing_is_denied if {
	orphan := object.union(service, {"metadata": {"name": "orphan"}, "spec": {"selector": {"app.kubernetes.io/name": "gone"}}})
	combined_rules(array.concat(environment, [orphan]), testing.production) == {"K8S-NET-002"}
}

test_service_does_not_select_pods_of_another_namespace if {
	elsewhere := object.union(service, {"metadata": {"namespace": "other"}})
	combined_rules(array.concat(environment, [elsewhere]), testing.production) == {"K8S-NET-002"}
}

test_active_service_on_idle_color_is_denied if {
	flipped := [
		color_deployment("blue", {}), color_hpa("blue"), color_pdb("blue"),
		color_deployment("green", {"replicas": 0}),
		color_service("api", "green"), color_service("api-preview", "blue"),
		service_account, default_deny,
	]
	combined_rules(flipped, testing.production) == {"K8S-NET-003"}
}
