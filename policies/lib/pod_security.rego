# Kubernetes' Pod Security Standards (baseline and restricted), as functions of one object, so that
# a conftest rule (package main, input = one manifest) and a Gatekeeper ConstraintTemplate
# (input.review.object) can share them:
#
#	some finding in pod_security.privileged(pod_security.pod(obj))
#
# pod(obj) gathers what the controls read from any object that holds a pod template; each control
# (pod_security_baseline.rego, pod_security_restricted.rego) takes that view and returns a set of
# findings (lib.kubernetes' finding shape). The controls follow the reference implementation,
# kubernetes/pod-security-admission policy/check_*.go at its latest policy version (v1.37): the
# allowed values, the fields, and how an undefined field is treated.
#
# Where upstream's restricted check replaces a baseline one (capabilities, seccomp, hostPath), the
# two are split here so that every offending value is reported by exactly one rule: the baseline
# rule for what baseline already forbids, the restricted rule for the rest.
package lib.pod_security

import data.lib.kubernetes as k8s
import rego.v1

# The pod of `input` (one manifest), computed once per evaluation for the rules of package main.
input_pod := pod(input)

# The view of an object's pod that the controls read; undefined for objects without a pod template.
#   object       the object, to name it in findings
#   spec, path   the pod spec and its JSON path
#   annotations  the pod's annotations, and annotations_path their JSON path
#   containers   init, regular and ephemeral containers as {container, path, init} (lib.kubernetes)
#   contexts     the pod's securityContext and then each container's, as {owner, context, path}
#   windows      spec.os.name is windows: upstream exempts such pods from the Linux-only
#                restricted controls (allowPrivilegeEscalation, seccomp, capabilities)
#   user_namespace  spec.hostUsers is false: upstream (policy v1.35+) exempts such pods from
#                runAsNonRoot and runAsUser, since root in a user namespace is not root on the node
pod(obj) := {
	"object": obj,
	"spec": template.spec,
	"path": template.path,
	"annotations": object.get(template.metadata, "annotations", {}),
	"annotations_path": concat(".", [template.metadata_path, "annotations"]),
	"containers": containers,
	"contexts": array.concat([pod_context], [container_context(entry) | some entry in containers]),
	"windows": object.get(template.spec, ["os", "name"], "") == "windows",
	"user_namespace": object.get(template.spec, "hostUsers", true) == false,
} if {
	template := k8s.pod_spec(obj)
	containers := k8s.containers(obj)
	pod_context := {
		"owner": "the pod",
		"context": security_context(template.spec),
		"path": concat(".", [template.path, "securityContext"]),
	}
}

container_context(entry) := {
	"owner": sprintf("container %q", [entry.container.name]),
	"context": security_context(entry.container),
	"path": concat(".", [entry.path, "securityContext"]),
}

# A securityContext, {} when it is missing or null (Kubernetes treats both as unset).
security_context(holder) := context if {
	context := holder.securityContext
	is_object(context)
} else := {}

# A finding about the pod's object.
finding(rule, pod, field, detail) := k8s.finding(rule, pod.object, field, detail)

# The value at `path` under `obj`, when it is set (neither missing nor null, as a Go pointer would be).
set_value(obj, path) := value if {
	value := object.get(obj, path, null)
	value != null
}
