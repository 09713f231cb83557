package main

import data.lib.testing
import rego.v1

role := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
	"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
	"rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch"]}],
}

rbac_rules(obj) := ids if {
	results := [deny_rbac_wildcard, deny_rbac_escalation, deny_cluster_admin] with input as obj
	ids := {finding.rule | some findings in results; some finding in findings}
}

test_least_privilege_role_passes if {
	count(rbac_rules(role)) == 0
}

test_wildcard_verbs_are_denied if {
	obj := object.union(role, {"rules": [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["*"]}]})
	rbac_rules(obj) == {"K8S-RBAC-001"}
	findings := deny_rbac_wildcard with input as obj
	{finding.field | some finding in findings} == {"rules[0].verbs"}
}

test_wildcard_resources_and_groups_are_denied if {
	obj := object.union(role, {"kind": "ClusterRole", "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["get"]}]})
	count(deny_rbac_wildcard) == 2 with input as obj
}

test_escalation_verbs_are_denied if {
	obj := object.union(role, {"rules": [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"], "verbs": ["bind", "escalate"]}]})
	rbac_rules(obj) == {"K8S-RBAC-002"}
	count(deny_rbac_escalation) == 2 with input as obj
}

test_cluster_admin_binding_is_denied if {
	binding := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
		"metadata": {"name": "api-admin", "labels": testing.labels},
		"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
		"subjects": [{"kind": "ServiceAccount", "name": "api", "namespace": "video-app"}],
	}
	rbac_rules(binding) == {"K8S-RBAC-003"}
}

test_binding_to_own_role_passes if {
	binding := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
		"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
		"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "api"},
		"subjects": [{"kind": "ServiceAccount", "name": "api", "namespace": "video-app"}],
	}
	count(rbac_rules(binding)) == 0
}
