package main

import data.lib.testing
import rego.v1

pod_security_rules(obj) := ids if {
	results := [
		deny_run_as_non_root, deny_privilege_escalation, deny_capabilities, deny_seccomp,
		deny_read_only_root, deny_privileged, deny_host_path, deny_host_namespaces, deny_host_port,
	] with input as obj
	ids := {finding.rule | some findings in results; some finding in findings}
}

test_hardened_pods_pass if {
	count(pod_security_rules(testing.deployment)) == 0
	count(pod_security_rules(testing.cronjob)) == 0
}

test_root_is_denied if {
	container := object.union(testing.container, {"securityContext": {"runAsNonRoot": false}})
	pod_security_rules(testing.deployment_with_container(container)) == {"K8S-SEC-001"}
}

test_pod_level_non_root_is_enough if {
	container := testing.container_without_security(["runAsNonRoot"])
	count(pod_security_rules(testing.deployment_with_only(container))) == 0
}

test_non_root_missing_everywhere_is_denied if {
	container := testing.container_without_security(["runAsNonRoot"])
	obj := object.union(testing.deployment_with_only(container), {"spec": {"template": {"spec": {"securityContext": {"runAsNonRoot": false}}}}})
	pod_security_rules(obj) == {"K8S-SEC-001"}
}

test_privilege_escalation_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"allowPrivilegeEscalation": true}})) == {"K8S-SEC-002"}
}

test_capabilities_not_dropped_are_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["NET_RAW"]}}})) == {"K8S-SEC-003"}
}

test_added_capability_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN"]}}})) == {"K8S-SEC-003"}
}

test_net_bind_service_may_be_added if {
	count(pod_security_rules(testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}))) == 0
}

test_unconfined_seccomp_is_denied if {
	findings := deny_seccomp with input as testing.deployment_with_container({"securityContext": {"seccompProfile": {"type": "Unconfined"}}})
	testing.rule_ids(findings) == {"K8S-SEC-004"}
}

test_missing_seccomp_is_denied if {
	container := testing.container_without_security(["seccompProfile"])
	pod := object.remove(testing.pod_spec, ["securityContext"])
	obj := testing.deployment_replacing_pod(object.union(pod, {"containers": [container]}))
	testing.rule_ids(deny_seccomp) == {"K8S-SEC-004"} with input as obj
}

test_localhost_seccomp_passes if {
	count(deny_seccomp) == 0 with input as testing.deployment_with_container({"securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/api.json"}}})
}

test_writable_root_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"readOnlyRootFilesystem": false}})) == {"K8S-SEC-005"}
}

test_privileged_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"privileged": true}})) == {"K8S-SEC-006"}
}

test_host_path_is_denied if {
	obj := testing.deployment_with_pod({"volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}]})
	pod_security_rules(obj) == {"K8S-SEC-007"}
}

test_host_namespaces_are_denied if {
	findings := deny_host_namespaces with input as testing.deployment_with_pod({"hostNetwork": true, "hostPID": true, "hostIPC": false})
	{finding.field | some finding in findings} == {"spec.template.spec.hostNetwork", "spec.template.spec.hostPID"}
}

test_host_port_is_denied if {
	obj := testing.deployment_with_container({"ports": [{"name": "http", "containerPort": 8080, "hostPort": 80}]})
	pod_security_rules(obj) == {"K8S-SEC-009"}
}

test_bare_pods_are_checked if {
	pod := {
		"apiVersion": "v1", "kind": "Pod",
		"metadata": {"name": "debug", "namespace": "video-app", "labels": testing.labels},
		"spec": object.union(testing.pod_spec, {"containers": [object.union(testing.container, {"securityContext": {"privileged": true}})]}),
	}
	findings := deny_privileged with input as pod
	some finding in findings
	finding.field == "spec.containers[0].securityContext.privileged"
}
