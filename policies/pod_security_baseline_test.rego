package main

import data.lib.testing
import rego.v1

# The fixture Deployment with its pod securityContext and its container's changed.
with_contexts(pod, container) := testing.deployment_with_pod({
	"securityContext": pod,
	"containers": [object.union(testing.container, {"securityContext": container})],
})

test_host_process_is_denied_on_pod_and_container if {
	pod_security_rules(with_contexts({"windowsOptions": {"hostProcess": true}}, {})) == {"K8S-PSS-007"}
	pod_security_rules(with_contexts({}, {"windowsOptions": {"hostProcess": true}})) == {"K8S-PSS-007"}
}

test_host_process_false_passes if {
	count(pod_security_rules(with_contexts({"windowsOptions": {"hostProcess": false}}, {"windowsOptions": {"hostProcess": false}}))) == 0
}

# Upstream checks the pod and each container on their own: a container's false does not excuse
# the pod's true, and the reverse.
test_host_process_container_does_not_excuse_pod if {
	findings := deny_host_process with input as with_contexts({"windowsOptions": {"hostProcess": true}}, {"windowsOptions": {"hostProcess": false}})
	fields(findings) == {"spec.template.spec.securityContext.windowsOptions.hostProcess"}
	findings_reverse := deny_host_process with input as with_contexts({"windowsOptions": {"hostProcess": false}}, {"windowsOptions": {"hostProcess": true}})
	fields(findings_reverse) == {"spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess"}
}

test_host_namespaces_are_denied if {
	findings := deny_host_namespaces with input as testing.deployment_with_pod({"hostNetwork": true, "hostPID": true, "hostIPC": false})
	fields(findings) == {"spec.template.spec.hostNetwork", "spec.template.spec.hostPID"}
	count(pod_security_rules(testing.deployment_with_pod({"hostNetwork": false, "hostPID": false, "hostIPC": false}))) == 0
}

test_privileged_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"privileged": true}})) == {"K8S-SEC-006"}
	count(pod_security_rules(testing.deployment_with_container({"securityContext": {"privileged": false}}))) == 0
}

test_capability_beyond_the_default_set_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["ALL"], "add": ["SYS_ADMIN"]}}})) == {"K8S-PSS-008"}
	pod_security_rules(testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_RAW"]}}})) == {"K8S-PSS-008"}
}

test_net_bind_service_may_be_added if {
	count(pod_security_rules(testing.deployment_with_container({"securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}))) == 0
}

test_host_path_is_denied if {
	obj := testing.deployment_with_pod({"volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}]})
	pod_security_rules(obj) == {"K8S-SEC-007"}
	fields(deny_host_path) == {"spec.template.spec.volumes[0].hostPath"} with input as obj
}

test_host_port_is_denied if {
	obj := testing.deployment_with_container({"ports": [{"name": "http", "containerPort": 8080, "hostPort": 80}]})
	pod_security_rules(obj) == {"K8S-SEC-009"}
	count(pod_security_rules(testing.deployment_with_container({"ports": [{"name": "http", "containerPort": 8080, "hostPort": 0}]}))) == 0
}

test_host_ports_on_a_known_list_pass if {
	pod := data.lib.pod_security.pod(testing.deployment_with_container({"ports": [{"containerPort": 8080, "hostPort": 8080}, {"containerPort": 9090, "hostPort": 9090}]}))
	fields(data.lib.pod_security.host_ports(pod, [])) == {"spec.template.spec.containers[0].ports[0].hostPort", "spec.template.spec.containers[0].ports[1].hostPort"}
	fields(data.lib.pod_security.host_ports(pod, [8080])) == {"spec.template.spec.containers[0].ports[1].hostPort"}
	count(data.lib.pod_security.host_ports(pod, [8080, {"min": 9000, "max": 9100}])) == 0
}

test_unconfined_apparmor_is_denied_on_pod_and_container if {
	pod_security_rules(with_contexts({"appArmorProfile": {"type": "Unconfined"}}, {})) == {"K8S-PSS-005"}
	pod_security_rules(with_contexts({}, {"appArmorProfile": {"type": "Unconfined"}})) == {"K8S-PSS-005"}
}

test_apparmor_container_does_not_excuse_pod if {
	findings := deny_apparmor with input as with_contexts({"appArmorProfile": {"type": "Unconfined"}}, {"appArmorProfile": {"type": "RuntimeDefault"}})
	fields(findings) == {"spec.template.spec.securityContext.appArmorProfile.type"}
	findings_reverse := deny_apparmor with input as with_contexts({"appArmorProfile": {"type": "RuntimeDefault"}}, {"appArmorProfile": {"type": "Unconfined"}})
	fields(findings_reverse) == {"spec.template.spec.containers[0].securityContext.appArmorProfile.type"}
}

test_apparmor_runtime_default_and_localhost_pass if {
	count(pod_security_rules(with_contexts({"appArmorProfile": {"type": "RuntimeDefault"}}, {"appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-api"}}))) == 0
}

test_apparmor_localhost_needs_a_profile if {
	findings := deny_apparmor with input as with_contexts({}, {"appArmorProfile": {"type": "Localhost"}})
	fields(findings) == {"spec.template.spec.containers[0].securityContext.appArmorProfile.localhostProfile"}
}

apparmor_annotated(value) := object.union(testing.deployment, {"spec": {"template": {"metadata": {"annotations": {"container.apparmor.security.beta.kubernetes.io/api": value}}}}})

test_apparmor_annotation_unconfined_is_denied if {
	obj := apparmor_annotated("unconfined")
	pod_security_rules(obj) == {"K8S-PSS-005"}
	fields(deny_apparmor) == {"spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/api]"} with input as obj
}

test_apparmor_annotation_allowed_values_pass if {
	every value in ["runtime/default", "localhost/k8s-api", ""] {
		count(pod_security_rules(apparmor_annotated(value))) == 0
	}
}

test_selinux_type_is_restricted_on_pod_and_container if {
	pod_security_rules(with_contexts({"seLinuxOptions": {"type": "spc_t"}}, {})) == {"K8S-PSS-004"}
	findings := deny_selinux with input as with_contexts({"seLinuxOptions": {"type": "container_t"}}, {"seLinuxOptions": {"type": "spc_t"}})
	fields(findings) == {"spec.template.spec.containers[0].securityContext.seLinuxOptions.type"}
	findings_reverse := deny_selinux with input as with_contexts({"seLinuxOptions": {"type": "spc_t"}}, {"seLinuxOptions": {"type": "container_t"}})
	fields(findings_reverse) == {"spec.template.spec.securityContext.seLinuxOptions.type"}
}

test_selinux_user_and_role_are_denied if {
	findings := deny_selinux with input as with_contexts({}, {"seLinuxOptions": {"user": "system_u", "role": "system_r", "level": "s0:c123,c456"}})
	fields(findings) == {
		"spec.template.spec.containers[0].securityContext.seLinuxOptions.user",
		"spec.template.spec.containers[0].securityContext.seLinuxOptions.role",
	}
}

test_selinux_allowed_types_and_level_pass if {
	every type in ["container_t", "container_init_t", "container_kvm_t", "container_engine_t", ""] {
		count(pod_security_rules(with_contexts({"seLinuxOptions": {"type": type, "level": "s0:c1,c2"}}, {}))) == 0
	}
}

test_unmasked_proc_mount_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"procMount": "Unmasked"}})) == {"K8S-PSS-002"}
	count(pod_security_rules(testing.deployment_with_container({"securityContext": {"procMount": "Default"}}))) == 0
}

# Restricted keeps /proc masked even in a user namespace, where baseline would allow Unmasked.
test_unmasked_proc_mount_is_denied_in_a_user_namespace if {
	obj := testing.deployment_with_pod({"hostUsers": false, "containers": [object.union(testing.container, {"securityContext": {"procMount": "Unmasked"}})]})
	pod_security_rules(obj) == {"K8S-PSS-002"}
}

test_unconfined_seccomp_is_denied_on_pod_and_container if {
	pod_security_rules(with_contexts({"seccompProfile": {"type": "Unconfined"}}, {})) == {"K8S-PSS-009"}
	pod_security_rules(with_contexts({}, {"seccompProfile": {"type": "Unconfined"}})) == {"K8S-PSS-009"}
}

test_seccomp_container_does_not_excuse_pod if {
	findings := deny_seccomp_unconfined with input as with_contexts({"seccompProfile": {"type": "Unconfined"}}, {"seccompProfile": {"type": "RuntimeDefault"}})
	fields(findings) == {"spec.template.spec.securityContext.seccompProfile.type"}
}

test_seccomp_localhost_needs_a_profile if {
	findings := deny_seccomp_unconfined with input as with_contexts({}, {"seccompProfile": {"type": "Localhost"}})
	fields(findings) == {"spec.template.spec.containers[0].securityContext.seccompProfile.localhostProfile"}
	count(pod_security_rules(with_contexts({}, {"seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/api.json"}}))) == 0
}

test_unsafe_sysctl_is_denied if {
	obj := testing.deployment_with_pod({"securityContext": {"sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}, {"name": "kernel.msgmax", "value": "65536"}]}})
	pod_security_rules(obj) == {"K8S-PSS-003"}
	fields(deny_sysctls) == {"spec.template.spec.securityContext.sysctls[1].name"} with input as obj
}

test_safe_sysctls_pass if {
	sysctls := [{"name": name, "value": "1"} | some name in data.lib.pod_security.safe_sysctls]
	count(sysctls) == 14
	count(pod_security_rules(testing.deployment_with_pod({"securityContext": {"sysctls": sysctls}}))) == 0
}

test_probe_and_hook_hosts_are_denied if {
	obj := testing.deployment_with_container({
		"readinessProbe": {"httpGet": {"host": "10.0.0.1", "path": "/ready", "port": 8080}},
		"lifecycle": {"postStart": {"tcpSocket": {"host": "metadata.internal", "port": 80}}},
	})
	pod_security_rules(obj) == {"K8S-PSS-010"}
	fields(deny_probe_host) == {
		"spec.template.spec.containers[0].readinessProbe.httpGet.host",
		"spec.template.spec.containers[0].lifecycle.postStart.tcpSocket.host",
	} with input as obj
}

test_probes_without_host_pass if {
	count(pod_security_rules(testing.deployment_with_container({"startupProbe": {"httpGet": {"host": "", "path": "/", "port": 8080}}}))) == 0
}
