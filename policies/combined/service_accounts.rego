# Service-account tokens: mounted only into pods whose account is granted something by a RoleBinding
# (a token nobody needs is a credential an intruder gets for free).
package combined

import data.lib.kubernetes as k8s
import rego.v1

# K8S-SA-001: pods mount a token only when their account is bound to a role.
deny_token_mount contains finding if {
	some item in items
	item.contents.kind in k8s.pod_kinds
	pod := k8s.pod_spec(item.contents)
	account := object.get(pod.spec, "serviceAccountName", "default")
	namespace := k8s.namespace(item.contents)
	mounts_token(pod.spec, account, namespace)
	not granted(account, namespace)
	field := sprintf("%s.automountServiceAccountToken", [pod.path])
	finding := k8s.located_finding("K8S-SA-001", item, field, sprintf("mounts the token of ServiceAccount %s, which no RoleBinding grants anything; set automountServiceAccountToken: false", [account]))
}

deny_token_mount contains finding if {
	some account in items_of_kind("ServiceAccount")
	not account.contents.automountServiceAccountToken == false
	not granted(account.contents.metadata.name, k8s.namespace(account.contents))
	finding := k8s.located_finding("K8S-SA-001", account, "automountServiceAccountToken", "mounts its token by default, but no RoleBinding grants this account anything; set automountServiceAccountToken: false")
}

mounts_token(pod, _, _) if pod.automountServiceAccountToken == true

mounts_token(pod, account, namespace) if {
	not k8s.has_key(pod, "automountServiceAccountToken")
	some declared in items_of_kind("ServiceAccount")
	declared.contents.metadata.name == account
	k8s.namespace(declared.contents) == namespace
	not declared.contents.automountServiceAccountToken == false
}

mounts_token(pod, account, namespace) if {
	not k8s.has_key(pod, "automountServiceAccountToken")
	not declared_account(account, namespace)
}

declared_account(account, namespace) if {
	some declared in items_of_kind("ServiceAccount")
	declared.contents.metadata.name == account
	k8s.namespace(declared.contents) == namespace
}

granted(account, namespace) if [namespace, account] in granted_accounts

# [namespace, name] of every ServiceAccount that a RoleBinding or ClusterRoleBinding names as subject.
granted_accounts contains [namespace, subject.name] if {
	some binding in items
	binding.contents.kind in {"RoleBinding", "ClusterRoleBinding"}
	some subject in object.get(binding.contents, "subjects", [])
	subject.kind == "ServiceAccount"
	namespace := object.get(subject, "namespace", k8s.namespace(binding.contents))
}
