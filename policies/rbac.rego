# RBAC: least privilege, and no path to more of it.
package main

import data.lib.kubernetes as k8s
import rego.v1

role_kinds := {"Role", "ClusterRole"}

# K8S-RBAC-001: wildcards grant whatever exists now and whatever is added later.
deny_rbac_wildcard contains finding if {
	input.kind in role_kinds
	some i, rule in object.get(input, "rules", [])
	some list in ["verbs", "resources", "apiGroups"]
	"*" in object.get(rule, list, [])
	finding := k8s.finding("K8S-RBAC-001", input, sprintf("rules[%d].%s", [i, list]), sprintf("grants \"*\" in %s; list exactly what is needed", [list]))
}

escalation_verbs := {"bind", "escalate", "impersonate"}

# K8S-RBAC-002: these verbs let the holder grant itself any permission.
deny_rbac_escalation contains finding if {
	input.kind in role_kinds
	some i, rule in object.get(input, "rules", [])
	some verb in object.get(rule, "verbs", [])
	verb in escalation_verbs
	finding := k8s.finding("K8S-RBAC-002", input, sprintf("rules[%d].verbs", [i]), sprintf("grants the privilege-escalation verb %q; remove it", [verb]))
}

# K8S-RBAC-003: nothing the platform deploys needs cluster-admin.
deny_cluster_admin contains finding if {
	input.kind in {"ClusterRoleBinding", "RoleBinding"}
	input.roleRef.kind == "ClusterRole"
	input.roleRef.name == "cluster-admin"
	finding := k8s.finding("K8S-RBAC-003", input, "roleRef.name", "binds cluster-admin; bind a Role with only the permissions needed")
}
