# Secrets: they live in the cluster (sealed or external secrets), never in the manifests.
package main

import data.lib.kubernetes as k8s
import rego.v1

# K8S-SCR-001: a Secret in git is a leaked secret (base64 is not encryption).
deny_secret_object contains finding if {
	input.kind == "Secret"
	finding := k8s.finding("K8S-SCR-001", input, "kind", "Secret objects are not allowed in manifests; create the Secret in the cluster and reference it with secretKeyRef")
}

# Words that mark an environment variable as holding a secret.
secret_words := ["password", "passwd", "secret", "token", "key", "credential", "private"]

# K8S-SCR-002: a secret-looking variable must come from a Secret (valueFrom), not a literal value.
deny_secret_env contains finding if {
	some entry in k8s.input_containers
	some i, variable in object.get(entry.container, "env", [])
	variable.value != ""
	some word in secret_words
	contains(lower(variable.name), word)
	field := sprintf("%s.env[%d].value", [entry.path, i])
	finding := k8s.finding("K8S-SCR-002", input, field, sprintf("variable %s looks like a secret but has a literal value; use valueFrom.secretKeyRef", [variable.name]))
}
