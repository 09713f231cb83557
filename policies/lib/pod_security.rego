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
#   annotations  the pod's annotations, and metadata_path the JSON path of the pod's metadata
#   containers   init, regular and ephemeral containers as {container, path, init} (lib.kubernetes)
#   pod_context  the pod's securityContext as {context, path}: path is the JSON path of its holder
#   container_contexts  each container's securityContext, the same way, with the container's name
#   contexts     pod_context, then the container_contexts
#   windows      spec.os.name is windows: upstream exempts such pods from the Linux-only
#                restricted controls (allowPrivilegeEscalation, seccomp, capabilities)
#   user_namespace  spec.hostUsers is false: upstream (policy v1.35+) exempts such pods from
#                runAsNonRoot and runAsUser, since root in a user namespace is not root on the node
# Paths and messages are only put together for findings, so a clean object costs little.
pod(obj) := {
	"object": obj,
	"spec": template.spec,
	"path": template.path,
	"annotations": object.get(template.metadata, "annotations", {}),
	"metadata_path": template.metadata_path,
	"containers": containers,
	"pod_context": pod_context,
	"container_contexts": container_contexts,
	"contexts": array.concat([pod_context], container_contexts),
	"windows": object.get(template.spec, ["os", "name"], "") == "windows",
	"user_namespace": object.get(template.spec, "hostUsers", true) == false,
} if {
	template := k8s.pod_spec(obj)
	containers := k8s.containers(obj)
	pod_context := {"context": security_context(template.spec), "path": template.path}
	container_contexts := [{"context": security_context(entry.container), "path": entry.path, "name": entry.container.name} |
		some entry in containers
	]
}

# Who a securityContext belongs to, for messages: the pod, or a container by name.
owner(context) := sprintf("container %q", [context.name]) if {
	is_string(context.name)
} else := "the pod"

# The JSON path of a field of a securityContext, e.g. context_field(c, "runAsUser").
context_field(context, field) := concat(".", [context.path, "securityContext", field])

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
