# Secrets from a vault: where the environment configures a secret store for its namespace, or a namespace already
# gets Secrets from ExternalSecrets, every Secret a pod reads must be written by an ExternalSecret,
# so that no Secret is created by hand (and none is forgotten when a cluster is rebuilt).
package combined

import data.lib.kubernetes as k8s
import rego.v1

# K8S-ESO-001: a Secret a pod reads is written by an ExternalSecret of its namespace.
deny_secret_not_external contains finding if {
	some item in items
	item.contents.kind in k8s.pod_kinds
	namespace := k8s.namespace(item.contents)
	secrets_come_from_a_store(namespace)
	pod := k8s.pod_spec(item.contents)
	some reference in secret_references(pod.spec)
	not written_by_external_secret(namespace, reference)
	field := sprintf("%s%s", [pod.path, reference.field])
	finding := k8s.located_finding("K8S-ESO-001", item, field, sprintf("reads %s, which no ExternalSecret in namespace %s writes; add the Secret to the vault and an ExternalSecret for it (npm run synth writes them when secretStore is configured)", [reference.text, namespace]))
}

# The environment's store serves the environment's namespace.
secrets_come_from_a_store(namespace) if {
	k8s.environment.secretStore
	k8s.environment.namespace == namespace
}

secrets_come_from_a_store(namespace) if namespace in namespaces_with_external_secrets

namespaces_with_external_secrets contains k8s.namespace(external.contents) if some external in items_of_kind("ExternalSecret")

# Every Secret reference of a pod spec: {name, key (null when the Secret is read whole), field, text}.
secret_references(spec) := {reference |
	walk(spec, [path, value])
	reference := secret_reference(path, value)
}

secret_reference(path, value) := {"name": value.name, "key": value.key, "field": field_path(path), "text": sprintf("key %s of Secret %s", [value.key, value.name])} if {
	path[count(path) - 1] == "secretKeyRef"
}

secret_reference(path, value) := {"name": value.name, "key": null, "field": field_path(path), "text": sprintf("all of Secret %s", [value.name])} if {
	path[count(path) - 1] == "secretRef"
}

secret_reference(path, value) := {"name": name, "key": null, "field": field_path(path), "text": sprintf("all of Secret %s", [name])} if {
	path[count(path) - 1] == "secret"
	name := object.get(value, "secretName", object.get(value, "name", null))
	is_string(name)
}

# ["containers", 0, "env"] → ".containers[0].env"
field_path(path) := concat("", [segment |
	some part in path
	segment := path_segment(part)
])

path_segment(part) := sprintf("[%d]", [part]) if is_number(part)

path_segment(part) := sprintf(".%s", [part]) if is_string(part)

# What the ExternalSecrets write, indexed so that each reference is a lookup rather than a scan:
# [namespace, Secret, key] per data entry, and [namespace, Secret] for a Secret extracted whole.
written_keys contains [k8s.namespace(external.contents), target_name(external.contents), entry.secretKey] if {
	some external in items_of_kind("ExternalSecret")
	some entry in object.get(external.contents.spec, "data", [])
}

written_whole contains [k8s.namespace(external.contents), target_name(external.contents)] if {
	some external in items_of_kind("ExternalSecret")
	count(object.get(external.contents.spec, "dataFrom", [])) > 0
}

target_name(external) := object.get(external, ["spec", "target", "name"], external.metadata.name)

# A Secret extracted whole provides every key; otherwise each key needs a data entry, and a Secret
# read whole needs at least one.
written_by_external_secret(namespace, reference) if [namespace, reference.name] in written_whole

written_by_external_secret(namespace, reference) if [namespace, reference.name, reference.key] in written_keys

written_by_external_secret(namespace, reference) if {
	reference.key == null
	some [written_namespace, name, _] in written_keys
	written_namespace == namespace
	name == reference.name
}
