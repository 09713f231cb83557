# Pod security: Kubernetes' baseline and restricted Pod Security Standards, plus a read-only root
# filesystem, for every object that holds a pod template (Pod, Deployment, ReplicaSet, StatefulSet,
# DaemonSet, Job, CronJob, ReplicationController, PodTemplate, Argo Rollouts' Rollout).
#
# Each rule is a thin wrapper over one control of lib.pod_security, which takes the object itself;
# policies/README.md lists the controls, their levels, and which construct satisfies each.
package main

import data.lib.kubernetes as k8s
import data.lib.pod_security as pss
import rego.v1

# Baseline.

deny_host_process contains finding if some finding in pss.host_process(pss.input_pod)

deny_host_namespaces contains finding if some finding in pss.host_namespaces(pss.input_pod)

deny_privileged contains finding if some finding in pss.privileged(pss.input_pod)

deny_baseline_capabilities contains finding if some finding in pss.baseline_capabilities_added(pss.input_pod)

deny_host_path contains finding if some finding in pss.host_path_volumes(pss.input_pod)

# No known list of host ports: like Pod Security Admission, every host port is denied.
deny_host_port contains finding if some finding in pss.host_ports(pss.input_pod, [])

deny_apparmor contains finding if some finding in pss.apparmor(pss.input_pod)

deny_selinux contains finding if some finding in pss.selinux(pss.input_pod)

deny_proc_mount contains finding if some finding in pss.proc_mount(pss.input_pod)

deny_seccomp_unconfined contains finding if some finding in pss.seccomp_unconfined(pss.input_pod)

deny_sysctls contains finding if some finding in pss.sysctls(pss.input_pod)

deny_probe_host contains finding if some finding in pss.probe_host(pss.input_pod)

# Restricted.

deny_volume_types contains finding if some finding in pss.volume_types(pss.input_pod)

deny_privilege_escalation contains finding if some finding in pss.privilege_escalation(pss.input_pod)

deny_run_as_non_root contains finding if some finding in pss.run_as_non_root(pss.input_pod)

deny_run_as_user contains finding if some finding in pss.run_as_user(pss.input_pod)

deny_seccomp contains finding if some finding in pss.seccomp(pss.input_pod)

deny_capabilities contains finding if some finding in pss.capabilities(pss.input_pod)

# Beyond the standards.

# K8S-SEC-005: a read-only root filesystem keeps an intruder from changing the image's binaries.
deny_read_only_root contains finding if {
	some entry in k8s.input_containers
	not entry.container.securityContext.readOnlyRootFilesystem == true
	field := sprintf("%s.securityContext.readOnlyRootFilesystem", [entry.path])
	finding := k8s.finding("K8S-SEC-005", input, field, sprintf("container %q has a writable root filesystem; set readOnlyRootFilesystem: true and mount an emptyDir where it writes", [entry.container.name]))
}
