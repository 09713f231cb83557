package main

import data.lib.testing
import rego.v1

# The rule ids every pod-security rule (pod_security.rego) reports for an object.
pod_security_rules(obj) := ids if {
	results := [
		deny_host_process, deny_host_namespaces, deny_privileged, deny_baseline_capabilities,
		deny_host_path, deny_host_port, deny_apparmor, deny_selinux, deny_proc_mount,
		deny_seccomp_unconfined, deny_sysctls, deny_probe_host, deny_volume_types,
		deny_privilege_escalation, deny_run_as_non_root, deny_run_as_user, deny_seccomp,
		deny_capabilities, deny_read_only_root,
	] with input as obj
	ids := {finding.rule | some findings in results; some finding in findings}
}

# The fields of the findings of one rule.
fields(findings) := {finding.field | some finding in findings}

# A pod template in each kind that holds one, with the fixture's pod spec.
pod_holders(spec) := [
	{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug", "namespace": "video-app"}, "spec": spec},
	{"apiVersion": "v1", "kind": "PodTemplate", "metadata": {"name": "api", "namespace": "video-app"}, "template": {"spec": spec}},
	{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"}, "spec": {"template": {"spec": spec}}},
	{"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "api"}, "spec": {"template": {"spec": spec}}},
	{"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "api"}, "spec": {"template": {"spec": spec}}},
	{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "api"}, "spec": {"template": {"spec": spec}}},
	{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "api"}, "spec": {"template": {"spec": spec}}},
	{"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "api"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": spec}}}}},
	{"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "api"}, "spec": {"template": {"spec": spec}}},
	{"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "api"}, "spec": {"template": {"spec": spec}}},
]

test_hardened_pods_pass if {
	count(pod_security_rules(testing.deployment)) == 0
	count(pod_security_rules(testing.cronjob)) == 0
}

test_every_kind_with_a_pod_template_is_checked if {
	spec := object.union(testing.pod_spec, {"containers": [object.union(testing.container, {"securityContext": {"privileged": true}})]})
	every obj in pod_holders(spec) {
		pod_security_rules(obj) == {"K8S-SEC-006"}
	}
	every obj in pod_holders(testing.pod_spec) {
		count(pod_security_rules(obj)) == 0
	}
}

test_fields_are_located_in_each_kind if {
	spec := object.union(testing.pod_spec, {"hostPID": true})
	paths := {finding.field | some obj in pod_holders(spec); some finding in deny_host_namespaces with input as obj}
	paths == {"spec.hostPID", "template.spec.hostPID", "spec.template.spec.hostPID", "spec.jobTemplate.spec.template.spec.hostPID"}
}

test_objects_without_pods_are_not_checked if {
	count(pod_security_rules({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"hostNetwork": "true"}})) == 0
	count(pod_security_rules({"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "x"}, "spec": {"workloadRef": {"kind": "Deployment", "name": "api"}}})) == 0
}

test_messages_name_object_field_and_fix if {
	findings := deny_privileged with input as testing.deployment_with_container({"securityContext": {"privileged": true}})
	[finding] := [f | some f in findings]
	finding.msg == "K8S-SEC-006: Deployment/video-app/api: spec.template.spec.containers[0].securityContext.privileged: container \"api\" is privileged; remove privileged: true"
	finding.object == "Deployment/video-app/api"
}

test_init_and_ephemeral_containers_are_checked if {
	bad := object.union(testing.container, {"name": "debug", "securityContext": {"privileged": true}})
	findings := deny_privileged with input as testing.deployment_with_pod({"initContainers": [bad], "ephemeralContainers": [bad]})
	fields(findings) == {
		"spec.template.spec.initContainers[0].securityContext.privileged",
		"spec.template.spec.ephemeralContainers[0].securityContext.privileged",
	}
}

test_writable_root_is_denied if {
	pod_security_rules(testing.deployment_with_container({"securityContext": {"readOnlyRootFilesystem": false}})) == {"K8S-SEC-005"}
}
