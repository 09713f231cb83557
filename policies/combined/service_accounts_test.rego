package combined

import data.lib.testing
import rego.v1

role_binding := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
	"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "api"},
	"subjects": [{"kind": "ServiceAccount", "name": "api", "namespace": "video-app"}],
}

test_unmounted_token_passes if {
	count(deny_token_mount) == 0 with input as testing.combined(environment)
}

test_mounted_token_without_binding_is_denied if {
	mounting := testing.deployment_with_pod({"automountServiceAccountToken": true})
	objects := array.concat(without_kind(environment, "Deployment"), [mounting])
	findings := deny_token_mount with input as testing.combined(objects)
	testing.rule_ids(findings) == {"K8S-SA-001"}
	{finding.field | some finding in findings} == {"spec.template.spec.automountServiceAccountToken"}
}

test_mounted_token_with_binding_passes if {
	mounting := testing.deployment_with_pod({"automountServiceAccountToken": true})
	account := object.union(service_account, {"automountServiceAccountToken": true})
	objects := array.concat(without_kind(without_kind(environment, "Deployment"), "ServiceAccount"), [mounting, account, role_binding])
	count(deny_token_mount) == 0 with input as testing.combined(objects)
}

test_binding_subject_defaults_to_the_binding_namespace if {
	mounting := testing.deployment_with_pod({"automountServiceAccountToken": true})
	account := object.union(service_account, {"automountServiceAccountToken": true})
	same_namespace := object.union(role_binding, {"subjects": [{"kind": "ServiceAccount", "name": "api"}]})
	objects := array.concat(without_kind(without_kind(environment, "Deployment"), "ServiceAccount"), [mounting, account, same_namespace])
	count(deny_token_mount) == 0 with input as testing.combined(objects)
	other_namespace := object.union(role_binding, {"subjects": [{"kind": "ServiceAccount", "name": "api", "namespace": "other"}]})
	others := array.concat(without_kind(without_kind(environment, "Deployment"), "ServiceAccount"), [mounting, account, other_namespace])
	count(deny_token_mount) == 2 with input as testing.combined(others)
}

test_account_default_applies_when_pod_is_silent if {
	silent := testing.deployment_replacing_pod(object.remove(testing.pod_spec, ["automountServiceAccountToken"]))
	account := object.union(service_account, {"automountServiceAccountToken": true})
	objects := array.concat(without_kind(without_kind(environment, "Deployment"), "ServiceAccount"), [silent, account])
	findings := deny_token_mount with input as testing.combined(objects)
	count(findings) == 2
}

test_undeclared_default_account_mounts_a_token if {
	silent := testing.deployment_replacing_pod(object.remove(testing.pod_spec, ["automountServiceAccountToken", "serviceAccountName"]))
	objects := array.concat(without_kind(environment, "Deployment"), [silent])
	findings := deny_token_mount with input as testing.combined(objects)
	some finding in findings
	contains(finding.msg, "ServiceAccount default")
}
