# Pod security: the Kubernetes "restricted" Pod Security Standard, plus a read-only root filesystem,
# for every object that runs pods (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods...).
package main

import data.lib.kubernetes as k8s
import rego.v1

# K8S-SEC-001: containers run as a non-root user (container setting, or the pod's when the container
# does not override it).
deny_run_as_non_root contains finding if {
	pod := k8s.input_pod_spec
	some entry in k8s.input_containers
	not runs_as_non_root(pod.spec, entry.container)
	field := sprintf("%s.securityContext.runAsNonRoot", [entry.path])
	finding := k8s.finding("K8S-SEC-001", input, field, sprintf("container %q may run as root; set runAsNonRoot: true", [entry.container.name]))
}

runs_as_non_root(_, container) if container.securityContext.runAsNonRoot == true

runs_as_non_root(pod, container) if {
	pod.securityContext.runAsNonRoot == true
	not container.securityContext.runAsNonRoot == false
}

# K8S-SEC-002: no process may gain more privileges than its parent (setuid binaries).
deny_privilege_escalation contains finding if {
	some entry in k8s.input_containers
	not entry.container.securityContext.allowPrivilegeEscalation == false
	field := sprintf("%s.securityContext.allowPrivilegeEscalation", [entry.path])
	finding := k8s.finding("K8S-SEC-002", input, field, sprintf("container %q allows privilege escalation; set allowPrivilegeEscalation: false", [entry.container.name]))
}

# K8S-SEC-003: every Linux capability is dropped; only NET_BIND_SERVICE may be added back.
deny_capabilities contains finding if {
	some entry in k8s.input_containers
	not "ALL" in object.get(entry.container, ["securityContext", "capabilities", "drop"], [])
	field := sprintf("%s.securityContext.capabilities.drop", [entry.path])
	finding := k8s.finding("K8S-SEC-003", input, field, sprintf("container %q does not drop ALL capabilities; set capabilities.drop: [ALL]", [entry.container.name]))
}

deny_capabilities contains finding if {
	some entry in k8s.input_containers
	some i, capability in object.get(entry.container, ["securityContext", "capabilities", "add"], [])
	capability != "NET_BIND_SERVICE"
	field := sprintf("%s.securityContext.capabilities.add[%d]", [entry.path, i])
	finding := k8s.finding("K8S-SEC-003", input, field, sprintf("container %q adds capability %s; only NET_BIND_SERVICE is allowed", [entry.container.name, capability]))
}

# K8S-SEC-004: a seccomp profile (RuntimeDefault or Localhost) filters system calls; set on the pod
# or on every container.
allowed_seccomp := {"RuntimeDefault", "Localhost"}

deny_seccomp contains finding if {
	pod := k8s.input_pod_spec
	some entry in k8s.input_containers
	profile := seccomp_type(pod.spec, entry.container)
	not profile in allowed_seccomp
	field := sprintf("%s.securityContext.seccompProfile.type", [entry.path])
	finding := k8s.finding("K8S-SEC-004", input, field, sprintf("container %q runs with seccomp profile %s; use RuntimeDefault or Localhost", [entry.container.name, profile]))
}

seccomp_type(_, container) := container.securityContext.seccompProfile.type

seccomp_type(pod, container) := profile if {
	not container.securityContext.seccompProfile.type
	profile := object.get(pod, ["securityContext", "seccompProfile", "type"], "none")
}

# K8S-SEC-005: a read-only root filesystem keeps an intruder from changing the image's binaries.
deny_read_only_root contains finding if {
	some entry in k8s.input_containers
	not entry.container.securityContext.readOnlyRootFilesystem == true
	field := sprintf("%s.securityContext.readOnlyRootFilesystem", [entry.path])
	finding := k8s.finding("K8S-SEC-005", input, field, sprintf("container %q has a writable root filesystem; set readOnlyRootFilesystem: true and mount an emptyDir where it writes", [entry.container.name]))
}

# K8S-SEC-006: a privileged container is root on the node.
deny_privileged contains finding if {
	some entry in k8s.input_containers
	entry.container.securityContext.privileged == true
	field := sprintf("%s.securityContext.privileged", [entry.path])
	finding := k8s.finding("K8S-SEC-006", input, field, sprintf("container %q is privileged; remove privileged: true", [entry.container.name]))
}

# K8S-SEC-007: hostPath volumes expose the node's filesystem.
deny_host_path contains finding if {
	pod := k8s.input_pod_spec
	some i, volume in object.get(pod.spec, "volumes", [])
	volume.hostPath
	field := sprintf("%s.volumes[%d].hostPath", [pod.path, i])
	finding := k8s.finding("K8S-SEC-007", input, field, sprintf("volume %q mounts the node path %q; use an emptyDir, ConfigMap or PersistentVolumeClaim", [volume.name, object.get(volume.hostPath, "path", "")]))
}

# K8S-SEC-008: sharing the node's network, process or IPC namespace breaks pod isolation.
deny_host_namespaces contains finding if {
	pod := k8s.input_pod_spec
	some key in ["hostNetwork", "hostPID", "hostIPC"]
	pod.spec[key] == true
	finding := k8s.finding("K8S-SEC-008", input, sprintf("%s.%s", [pod.path, key]), sprintf("the pod shares the node's namespace (%s: true); remove it", [key]))
}

# K8S-SEC-009: host ports tie pods to nodes and bypass NetworkPolicies.
deny_host_port contains finding if {
	some entry in k8s.input_containers
	some i, port in object.get(entry.container, "ports", [])
	object.get(port, "hostPort", 0) != 0
	field := sprintf("%s.ports[%d].hostPort", [entry.path, i])
	finding := k8s.finding("K8S-SEC-009", input, field, sprintf("container %q binds host port %v; expose it through a Service instead", [entry.container.name, port.hostPort]))
}
