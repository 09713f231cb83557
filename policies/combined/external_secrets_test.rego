package combined

import data.lib.testing
import rego.v1

# testing.deployment reads key "password" of Secret "api-database".
external_secret(name, spec) := {
	"apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
	"metadata": {"name": name, "namespace": "video-app", "labels": testing.labels},
	"spec": object.union({"secretStoreRef": {"kind": "ClusterSecretStore", "name": "vault"}, "target": {"name": name}}, spec),
}

password := {"data": [{"secretKey": "password", "remoteRef": {"key": "video-platform/production/api-database", "property": "password"}}]}

with_store := object.union(testing.production, {"namespace": "video-app", "secretStore": {"name": "vault"}})

test_without_a_store_secrets_may_come_from_anywhere if {
	count(deny_secret_not_external) == 0 with input as testing.combined(environment) with data.environment as testing.production
}

test_a_store_of_another_namespace_does_not_apply if {
	elsewhere := object.union(with_store, {"namespace": "video-app-staging"})
	count(deny_secret_not_external) == 0 with input as testing.combined(environment) with data.environment as elsewhere
}

test_with_a_store_an_unwritten_secret_is_denied if {
	findings := deny_secret_not_external with input as testing.combined(environment) with data.environment as with_store
	testing.rule_ids(findings) == {"K8S-ESO-001"}
	{finding.field | some finding in findings} == {"spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef"}
}

test_an_external_secret_writing_the_key_passes if {
	objects := array.concat(environment, [external_secret("api-database", password)])
	count(deny_secret_not_external) == 0 with input as testing.combined(objects) with data.environment as with_store
}

test_an_external_secret_without_the_key_is_denied if {
	other_key := {"data": [{"secretKey": "user", "remoteRef": {"key": "k", "property": "user"}}]}
	objects := array.concat(environment, [external_secret("api-database", other_key)])
	testing.rule_ids(deny_secret_not_external) == {"K8S-ESO-001"} with input as testing.combined(objects) with data.environment as with_store
}

test_a_secret_extracted_whole_provides_every_key if {
	objects := array.concat(environment, [external_secret("api-database", {"dataFrom": [{"extract": {"key": "k"}}]})])
	count(deny_secret_not_external) == 0 with input as testing.combined(objects) with data.environment as with_store
}

test_the_target_name_not_the_object_name_counts if {
	renamed := object.union(external_secret("database", password), {"spec": {"target": {"name": "api-database"}}})
	count(deny_secret_not_external) == 0 with input as testing.combined(array.concat(environment, [renamed])) with data.environment as with_store
	elsewhere := object.union(external_secret("api-database", password), {"metadata": {"namespace": "other"}})
	count(deny_secret_not_external) == 1 with input as testing.combined(array.concat(environment, [elsewhere])) with data.environment as with_store
}

test_external_secrets_in_a_namespace_require_them_for_every_secret if {
	unrelated := external_secret("web-session", {"dataFrom": [{"extract": {"key": "k"}}]})
	objects := array.concat(environment, [unrelated])
	testing.rule_ids(deny_secret_not_external) == {"K8S-ESO-001"} with input as testing.combined(objects) with data.environment as testing.production
}

test_volumes_and_env_from_read_whole_secrets if {
	pod := {"volumes": [{"name": "certs", "secret": {"secretName": "api-tls"}}], "containers": [object.union(testing.container, {"env": [], "envFrom": [{"secretRef": {"name": "api-env"}}]})]}
	objects := array.concat(without_kind(environment, "Deployment"), [testing.deployment_with_pod(pod)])
	findings := deny_secret_not_external with input as testing.combined(objects) with data.environment as with_store
	{finding.field | some finding in findings} == {"spec.template.spec.volumes[0].secret", "spec.template.spec.containers[0].envFrom[0].secretRef"}
}
