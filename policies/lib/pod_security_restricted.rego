# The restricted Pod Security Standard: current pod hardening practice, on top of baseline.
# Each function takes pod(obj) (pod_security.rego) and returns the findings of one control.
package lib.pod_security

import rego.v1

# The volume sources a restricted pod may use (policy v1.33+ adds image).
restricted_volume_sources := {
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
	"persistentVolumeClaim", "projected", "secret",
}

# Volume types (K8S-PSS-006): every volume uses one of the sources above. A hostPath volume is
# baseline's K8S-SEC-007; a volume with no source at all is defaulted to emptyDir by the API server.
volume_types(pod) := {finding(
	"K8S-PSS-006", pod, sprintf("%s.volumes[%d].%s", [pod.path, i, source]),
	sprintf("volume %q uses volume type %s; use a PersistentVolumeClaim (or configMap, csi, downwardAPI, emptyDir, ephemeral, image, projected, secret)", [volume.name, source]),
) |
	some i, volume in object.get(pod.spec, "volumes", [])
	not allowed_volume(volume)
	# object.get, not volume.hostPath: OPA lifts a reference out of a negated call, so `not
	# is_object(volume.hostPath)` would be undefined, not true, for a volume without hostPath.
	not is_object(object.get(volume, "hostPath", null))
	some source, value in volume
	source != "name"
	is_object(value)
}

allowed_volume(volume) if {
	some source in restricted_volume_sources
	is_object(volume[source])
}

# Privilege escalation (K8S-SEC-002): allowPrivilegeEscalation: false on every container of a
# Linux pod, so that no process gains more privileges than its parent (setuid binaries).
privilege_escalation(pod) := {finding(
	"K8S-SEC-002", pod, concat(".", [entry.path, "securityContext.allowPrivilegeEscalation"]),
	sprintf("container %q allows privilege escalation; set allowPrivilegeEscalation: false", [entry.container.name]),
) |
	not pod.windows
	some entry in pod.containers
	not entry.container.securityContext.allowPrivilegeEscalation == false
}

# Running as non-root (K8S-SEC-001): runAsNonRoot true on the pod (containers inherit it) or on
# every container, and false nowhere: upstream rejects a pod-level false even when every container
# overrides it. Not checked for a pod in a user namespace (hostUsers: false).
run_as_non_root(pod) := explicit | implicit if {
	not pod.user_namespace
	explicit := {finding(
		"K8S-SEC-001", pod, context_field(context, "runAsNonRoot"),
		sprintf("%s sets runAsNonRoot: false and may run as root; set it to true", [owner(context)]),
	) |
		some context in pod.contexts
		context.context.runAsNonRoot == false
	}
	implicit := {finding(
		"K8S-SEC-001", pod, context_field(context, "runAsNonRoot"),
		sprintf("%s may run as root: neither it nor the pod sets runAsNonRoot; set runAsNonRoot: true", [owner(context)]),
	) |
		not pod.pod_context.context.runAsNonRoot == true
		some context in pod.container_contexts
		not is_boolean(object.get(context.context, "runAsNonRoot", null))
	}
}

# Running as a non-root user (K8S-PSS-001): runAsUser is not 0, on the pod nor on any container
# (runAsNonRoot alone is checked by the kubelet only against the image's user, after admission).
# Not checked for a pod in a user namespace (hostUsers: false).
run_as_user(pod) := {finding(
	"K8S-PSS-001", pod, context_field(context, "runAsUser"),
	sprintf("%s runs as user 0 (root); set runAsUser to a non-zero user id", [owner(context)]),
) |
	not pod.user_namespace
	some context in pod.contexts
	context.context.runAsUser == 0
}

# The seccomp profile types restricted requires.
seccomp_types := {"RuntimeDefault", "Localhost"}

# Seccomp, restricted (K8S-SEC-004): every container of a Linux pod has a seccomp profile of type
# RuntimeDefault or Localhost, its own or the pod's. (Unconfined is baseline's K8S-PSS-009.)
seccomp(pod) := explicit | implicit if {
	not pod.windows
	explicit := {finding(
		"K8S-SEC-004", pod, context_field(context, "seccompProfile.type"),
		sprintf("%s sets seccomp profile type %q; use RuntimeDefault or Localhost", [owner(context), type]),
	) |
		some context in pod.contexts
		type := seccomp_type(context.context)
		not type in seccomp_types
		type != "Unconfined"
	}
	implicit := {finding(
		"K8S-SEC-004", pod, context_field(context, "seccompProfile.type"),
		sprintf("%s runs without a seccomp profile: neither it nor the pod sets one; set seccompProfile.type: RuntimeDefault", [owner(context)]),
	) |
		not seccomp_type(pod.pod_context.context)
		some context in pod.container_contexts
		not seccomp_type(context.context)
	}
}

# The seccomp profile type of a securityContext; "" for a profile without type, undefined without profile.
seccomp_type(context) := object.get(context.seccompProfile, "type", "") if is_object(context.seccompProfile)

# Capabilities, restricted (K8S-SEC-003): every container of a Linux pod drops ALL, and adds back
# NET_BIND_SERVICE at most. (Adding one beyond baseline's default set is K8S-PSS-008.)
capabilities(pod) := not_dropped | added if {
	not pod.windows
	not_dropped := {finding(
		"K8S-SEC-003", pod, concat(".", [entry.path, "securityContext.capabilities.drop"]),
		sprintf("container %q does not drop ALL capabilities; set capabilities.drop: [ALL]", [entry.container.name]),
	) |
		some entry in pod.containers
		not "ALL" in object.get(entry.container, ["securityContext", "capabilities", "drop"], [])
	}
	added := {finding(
		"K8S-SEC-003", pod, sprintf("%s.securityContext.capabilities.add[%d]", [entry.path, i]),
		sprintf("container %q adds capability %v; only NET_BIND_SERVICE may be added", [entry.container.name, capability]),
	) |
		some entry in pod.containers
		some i, capability in object.get(entry.container, ["securityContext", "capabilities", "add"], [])
		capability in baseline_capabilities
		capability != "NET_BIND_SERVICE"
	}
}
