package main

import data.lib.testing
import rego.v1

# The fixture Deployment with its pod spec replaced by one whose securityContext is `pod` and whose
# only container has the fixture's securityContext without `removed`, plus `container`.
replacing_contexts(pod, removed, container) := testing.deployment_replacing_pod(object.union(
	object.remove(testing.pod_spec, ["securityContext"]),
	{
		"securityContext": pod,
		"containers": [object.union(testing.container_without_security(removed), {"securityContext": container})],
	},
))

windows_pod(container) := testing.deployment_with_pod({"os": {"name": "windows"}, "containers": [container]})

test_other_volume_types_are_denied if {
	obj := testing.deployment_with_pod({"volumes": [{"name": "tmp", "emptyDir": {}}, {"name": "media", "nfs": {"server": "nfs.example.com", "path": "/media"}}]})
	pod_security_rules(obj) == {"K8S-PSS-006"}
	fields(deny_volume_types) == {"spec.template.spec.volumes[1].nfs"} with input as obj
}

test_allowed_volume_types_pass if {
	volumes := [
		{"name": "a", "configMap": {"name": "x"}},
		{"name": "b", "csi": {"driver": "secrets-store.csi.k8s.io"}},
		{"name": "c", "downwardAPI": {"items": []}},
		{"name": "d", "emptyDir": {}},
		{"name": "e", "ephemeral": {"volumeClaimTemplate": {"spec": {}}}},
		{"name": "f", "image": {"reference": "registry.example.com/models:1"}},
		{"name": "g", "persistentVolumeClaim": {"claimName": "x"}},
		{"name": "h", "projected": {"sources": []}},
		{"name": "i", "secret": {"secretName": "x"}},
		{"name": "j"},
	]
	count(pod_security_rules(testing.deployment_with_pod({"volumes": volumes}))) == 0
}

test_host_path_is_reported_by_its_baseline_rule_only if {
	obj := testing.deployment_with_pod({"volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}]})
	count(deny_volume_types) == 0 with input as obj
}

test_privilege_escalation_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"allowPrivilegeEscalation": true}})) == {"K8S-SEC-002"}
	pod_security_rules(replacing_contexts(testing.pod_spec.securityContext, ["allowPrivilegeEscalation"], {})) == {"K8S-SEC-002"}
}

test_windows_pods_are_exempt_from_linux_only_controls if {
	container := object.union(testing.container_without_security(["allowPrivilegeEscalation", "capabilities", "seccompProfile"]), {})
	obj := object.union(windows_pod(container), {"spec": {"template": {"spec": {"securityContext": {"seccompProfile": null}}}}})
	count(deny_privilege_escalation) == 0 with input as obj
	count(deny_capabilities) == 0 with input as obj
	count(deny_seccomp) == 0 with input as windows_pod(object.union(container, {"securityContext": {"seccompProfile": {"type": "bogus"}}}))
	pod_security_rules(testing.deployment_with_pod({"containers": [container]})) == {"K8S-SEC-002", "K8S-SEC-003"}
}

test_root_is_denied if {
	container := object.union(testing.container, {"securityContext": {"runAsNonRoot": false}})
	pod_security_rules(testing.deployment_with_container(container)) == {"K8S-SEC-001"}
}

test_pod_level_non_root_is_enough if {
	count(pod_security_rules(replacing_contexts({"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}, ["runAsNonRoot"], {}))) == 0
}

test_container_level_non_root_is_enough if {
	count(pod_security_rules(replacing_contexts({"seccompProfile": {"type": "RuntimeDefault"}}, [], {}))) == 0
}

test_non_root_missing_everywhere_is_denied if {
	obj := replacing_contexts({"seccompProfile": {"type": "RuntimeDefault"}}, ["runAsNonRoot"], {})
	fields(deny_run_as_non_root) == {"spec.template.spec.containers[0].securityContext.runAsNonRoot"} with input as obj
}

# Upstream rejects an explicit runAsNonRoot: false on the pod even when every container sets true.
test_non_root_container_does_not_excuse_pod if {
	obj := replacing_contexts({"runAsNonRoot": false, "seccompProfile": {"type": "RuntimeDefault"}}, [], {})
	fields(deny_run_as_non_root) == {"spec.template.spec.securityContext.runAsNonRoot"} with input as obj
	obj_reverse := replacing_contexts({"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}, [], {"runAsNonRoot": false})
	fields(deny_run_as_non_root) == {"spec.template.spec.containers[0].securityContext.runAsNonRoot"} with input as obj_reverse
}

test_run_as_user_zero_is_denied_on_pod_and_container if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"runAsUser": 0}})) == {"K8S-PSS-001"}
	pod_security_rules(testing.deployment_with_pod({"securityContext": {"runAsUser": 0}})) == {"K8S-PSS-001"}
}

test_run_as_user_container_does_not_excuse_pod if {
	obj := with_contexts({"runAsNonRoot": true, "runAsUser": 0}, {"runAsUser": 10001})
	fields(deny_run_as_user) == {"spec.template.spec.securityContext.runAsUser"} with input as obj
	obj_reverse := with_contexts({"runAsNonRoot": true, "runAsUser": 10001}, {"runAsUser": 0})
	fields(deny_run_as_user) == {"spec.template.spec.containers[0].securityContext.runAsUser"} with input as obj_reverse
}

test_non_zero_user_passes if {
	count(pod_security_rules(with_contexts({"runAsNonRoot": true, "runAsUser": 10001}, {"runAsUser": 10002}))) == 0
}

# Root in a user namespace (hostUsers: false) is not root on the node: upstream skips both checks.
test_user_namespace_pods_may_run_as_root if {
	obj := testing.deployment_with_pod({"hostUsers": false, "securityContext": {"runAsNonRoot": false, "runAsUser": 0}})
	count(pod_security_rules(obj)) == 0
	pod_security_rules(testing.deployment_with_pod({"hostUsers": true, "securityContext": {"runAsUser": 0}})) == {"K8S-PSS-001"}
}

test_missing_seccomp_is_denied if {
	obj := replacing_contexts({"runAsNonRoot": true}, ["seccompProfile"], {})
	pod_security_rules(obj) == {"K8S-SEC-004"}
	fields(deny_seccomp) == {"spec.template.spec.containers[0].securityContext.seccompProfile.type"} with input as obj
}

test_pod_level_seccomp_is_enough if {
	count(pod_security_rules(replacing_contexts({"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}}, ["seccompProfile"], {}))) == 0
}

test_container_level_seccomp_is_enough if {
	count(pod_security_rules(replacing_contexts({"runAsNonRoot": true}, [], {"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/api.json"}}))) == 0
}

# Unconfined is baseline's finding (K8S-PSS-009), reported once.
test_unconfined_seccomp_is_not_reported_twice if {
	pod_security_rules(replacing_contexts({"runAsNonRoot": true, "seccompProfile": {"type": "Unconfined"}}, ["seccompProfile"], {})) == {"K8S-PSS-009"}
}

test_capabilities_not_dropped_are_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["NET_RAW"]}}})) == {"K8S-SEC-003"}
}

test_default_capability_added_back_is_denied if {
	obj := testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "CHOWN"]}}})
	pod_security_rules(obj) == {"K8S-SEC-003"}
	fields(deny_capabilities) == {"spec.template.spec.containers[0].securityContext.capabilities.add[1]"} with input as obj
}
