# The baseline Pod Security Standard: the controls that prevent known privilege escalations.
# Each function takes pod(obj) (pod_security.rego) and returns the findings of one control.
package lib.pod_security

import rego.v1

# Windows HostProcess (K8S-PSS-007): windowsOptions.hostProcess unset or false, pod and containers.
host_process(pod) := {finding(
	"K8S-PSS-007", pod, field,
	sprintf("%s runs as a Windows HostProcess (privileged on the node); remove hostProcess: true", [owner(context)]),
) |
	some context in pod.contexts
	context.context.windowsOptions.hostProcess == true
	field := context_field(context, "windowsOptions.hostProcess")
}

# Host namespaces (K8S-SEC-008): hostNetwork, hostPID and hostIPC unset or false.
host_namespaces(pod) := {finding(
	"K8S-SEC-008", pod, concat(".", [pod.path, key]),
	sprintf("the pod shares the node's namespace (%s: true); remove it", [key]),
) |
	some key in ["hostNetwork", "hostPID", "hostIPC"]
	pod.spec[key] == true
}

# Privileged containers (K8S-SEC-006): securityContext.privileged unset or false.
privileged(pod) := {finding(
	"K8S-SEC-006", pod, concat(".", [entry.path, "securityContext.privileged"]),
	sprintf("container %q is privileged; remove privileged: true", [entry.container.name]),
) |
	some entry in pod.containers
	entry.container.securityContext.privileged == true
}

# The capabilities a container may add under baseline: Docker's historical default set.
baseline_capabilities := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

# Capabilities, baseline (K8S-PSS-008): capabilities.add only from the default set above. (Adding
# one of those other than NET_BIND_SERVICE is restricted's K8S-SEC-003.)
baseline_capabilities_added(pod) := {finding(
	"K8S-PSS-008", pod, sprintf("%s.securityContext.capabilities.add[%d]", [entry.path, i]),
	sprintf("container %q adds capability %v, beyond the runtime's default set; remove it (only NET_BIND_SERVICE may be added)", [entry.container.name, capability]),
) |
	some entry in pod.containers
	some i, capability in object.get(entry.container, ["securityContext", "capabilities", "add"], [])
	not capability in baseline_capabilities
}

# HostPath volumes (K8S-SEC-007): no volume of type hostPath.
host_path_volumes(pod) := {finding(
	"K8S-SEC-007", pod, sprintf("%s.volumes[%d].hostPath", [pod.path, i]),
	sprintf("volume %q mounts the node path %q; use an emptyDir, ConfigMap or PersistentVolumeClaim", [volume.name, object.get(volume.hostPath, "path", "")]),
) |
	some i, volume in object.get(pod.spec, "volumes", [])
	is_object(volume.hostPath)
}

# Host ports (K8S-SEC-009): hostPort unset or 0 on every container. The standard allows a known
# list instead; `known` holds its entries, ports or {"min", "max"} ranges (package main passes
# none, as Pod Security Admission does; a Gatekeeper wrapper may pass its parameters).
host_ports(pod, known) := {finding(
	"K8S-SEC-009", pod, sprintf("%s.ports[%d].hostPort", [entry.path, i]),
	sprintf("container %q binds host port %v; expose it through a Service instead", [entry.container.name, port.hostPort]),
) |
	some entry in pod.containers
	some i, port in object.get(entry.container, "ports", [])
	is_number(port.hostPort)
	port.hostPort != 0
	not known_port(port.hostPort, known)
}

known_port(port, known) if port in known

known_port(port, known) if {
	some range in known
	range.min <= port
	port <= range.max
}

# The AppArmor profile types a securityContext may name.
apparmor_types := {"RuntimeDefault", "Localhost"}

apparmor_annotation_prefix := "container.apparmor.security.beta.kubernetes.io/"

# AppArmor (K8S-PSS-005): appArmorProfile.type unset, RuntimeDefault or Localhost (pod and
# containers; a Localhost profile names its localhostProfile, as the API server requires), and the
# older per-container annotation unset, empty, runtime/default or localhost/<profile>.
apparmor(pod) := field_findings | annotation_findings if {
	field_findings := {finding("K8S-PSS-005", pod, field, detail) |
		some context in pod.contexts
		profile := context.context.appArmorProfile
		is_object(profile)
		some field, detail in apparmor_field_violations(context, profile)
	}
	annotation_findings := {finding(
		"K8S-PSS-005", pod, sprintf("%s.annotations[%s]", [pod.metadata_path, key]),
		sprintf("annotation sets AppArmor profile %q; use runtime/default or localhost/<profile>", [value]),
	) |
		some key, value in pod.annotations
		startswith(key, apparmor_annotation_prefix)
		not apparmor_annotation_allowed(value)
	}
}

apparmor_field_violations(context, profile) := {field: detail} if {
	type := object.get(profile, "type", "")
	not type in apparmor_types
	field := context_field(context, "appArmorProfile.type")
	detail := sprintf("%s runs with AppArmor profile type %q; use RuntimeDefault or Localhost", [owner(context), type])
}

apparmor_field_violations(context, profile) := {field: detail} if {
	profile.type == "Localhost"
	object.get(profile, "localhostProfile", "") == ""
	field := context_field(context, "appArmorProfile.localhostProfile")
	detail := sprintf("%s uses a Localhost AppArmor profile without naming it; set localhostProfile", [owner(context)])
}

apparmor_annotation_allowed(value) if value in {"", "runtime/default"}

apparmor_annotation_allowed(value) if startswith(value, "localhost/")

# The SELinux types a pod or container may run as (policy v1.31+).
selinux_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# SELinux (K8S-PSS-004): seLinuxOptions.type unset or one of the types above, and no custom user
# or role, on the pod and every container.
selinux(pod) := {finding(
	"K8S-PSS-004", pod, context_field(context, concat(".", ["seLinuxOptions", key])),
	sprintf("%s sets SELinux %s %q; %s", [owner(context), key, value, fix]),
) |
	some context in pod.contexts
	options := context.context.seLinuxOptions
	is_object(options)
	some key, value in selinux_violations(options)
	fix := selinux_fix[key]
}

selinux_violations(options) := {key: value |
	some key in ["type", "user", "role"]
	value := object.get(options, key, "")
	selinux_forbidden(key, value)
}

selinux_forbidden("type", value) if not value in selinux_types

selinux_forbidden(key, value) if {
	key in {"user", "role"}
	value != ""
}

selinux_fix := {
	"type": "use container_t, container_init_t, container_kvm_t or container_engine_t, or leave it unset",
	"user": "remove it",
	"role": "remove it",
}

# /proc mount type (K8S-PSS-002): procMount unset or Default. Baseline (v1.35+) lets a pod in a
# user namespace (hostUsers: false) unmask /proc; restricted never does, so neither does this rule.
proc_mount(pod) := {finding(
	"K8S-PSS-002", pod, concat(".", [entry.path, "securityContext.procMount"]),
	sprintf("container %q sets procMount %v, unmasking /proc; remove it or set Default", [entry.container.name, mount]),
) |
	some entry in pod.containers
	mount := set_value(entry.container, ["securityContext", "procMount"])
	mount != "Default"
}

# Seccomp, baseline (K8S-PSS-009): no seccomp profile of type Unconfined, on the pod or any
# container; and, as the API server requires, a Localhost profile names its localhostProfile.
seccomp_unconfined(pod) := {finding("K8S-PSS-009", pod, field, detail) |
	some context in pod.contexts
	profile := context.context.seccompProfile
	some field, detail in seccomp_baseline_violations(context, profile)
}

seccomp_baseline_violations(context, profile) := {field: detail} if {
	profile.type == "Unconfined"
	field := context_field(context, "seccompProfile.type")
	detail := sprintf("%s disables seccomp (Unconfined); use RuntimeDefault or Localhost", [owner(context)])
}

seccomp_baseline_violations(context, profile) := {field: detail} if {
	profile.type == "Localhost"
	object.get(profile, "localhostProfile", "") == ""
	field := context_field(context, "seccompProfile.localhostProfile")
	detail := sprintf("%s uses a Localhost seccomp profile without naming it; set localhostProfile", [owner(context)])
}

# Sysctls a pod may set: namespaced, and isolated from other pods on the node (policy v1.37).
safe_sysctls := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.ping_group_range",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_notsent_lowat",
	"net.ipv4.tcp_rmem",
	"net.ipv4.tcp_slow_start_after_idle",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.tcp_wmem",
}

# Sysctls (K8S-PSS-003): securityContext.sysctls of the pod only from the safe set above.
sysctls(pod) := {finding(
	"K8S-PSS-003", pod, sprintf("%s.securityContext.sysctls[%d].name", [pod.path, i]),
	sprintf("sysctl %v is not in the safe set (it can affect the node or other pods); remove it", [sysctl.name]),
) |
	some i, sysctl in object.get(pod.spec, ["securityContext", "sysctls"], [])
	not sysctl.name in safe_sysctls
}

# Host probes and lifecycle hooks (K8S-PSS-010, policy v1.34+): no probe or lifecycle handler sends
# its request to another host than the pod's own. Each reference fails at the first missing field,
# so a container without such a handler costs little.
probe_host(pod) := probes | hooks if {
	probes := {probe_host_finding(pod, entry, probe, kind, host) |
		some entry in pod.containers
		some probe in ["livenessProbe", "readinessProbe", "startupProbe"]
		handler := entry.container[probe]
		some kind in ["httpGet", "tcpSocket"]
		host := handler[kind].host
		is_string(host)
		host != ""
	}
	hooks := {probe_host_finding(pod, entry, concat(".", ["lifecycle", hook]), kind, host) |
		some entry in pod.containers
		lifecycle := entry.container.lifecycle
		some hook in ["postStart", "preStop"]
		some kind in ["httpGet", "tcpSocket"]
		host := lifecycle[hook][kind].host
		is_string(host)
		host != ""
	}
}

probe_host_finding(pod, entry, field, kind, host) := finding(
	"K8S-PSS-010", pod, concat(".", [entry.path, field, kind, "host"]),
	sprintf("container %q sends its %s to host %q, reaching past the pod; remove host", [entry.container.name, field, host]),
)
