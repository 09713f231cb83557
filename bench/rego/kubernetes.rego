# Ten Kubernetes rules for the Rego engine micro-benchmark (issue 6). Each message starts with the
# rule's id in brackets, so the benchmark can count findings per rule and check them against what
# bench/rego/generate-deployments.ts planted.
package bench.kubernetes

required_labels := {"app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/part-of", "environment"}

pod := input.spec.template.spec

deny contains msg if {
	some container in pod.containers
	not allowed_registry(container.image)
	msg := sprintf("[registry] container %s: image %s is not from an allowed registry", [container.name, container.image])
}

allowed_registry(image) if {
	some registry in data.bench.allowedRegistries
	startswith(image, concat("", [registry, "/"]))
}

deny contains msg if {
	some container in pod.containers
	floating_tag(container.image)
	msg := sprintf("[latest] container %s: image %s has no fixed tag", [container.name, container.image])
}

floating_tag(image) if endswith(image, ":latest")

floating_tag(image) if {
	not contains(image, "@")
	parts := split(image, "/")
	not contains(parts[count(parts) - 1], ":")
}

deny contains msg if {
	some container in pod.containers
	some kind in ["requests", "limits"]
	some resource in ["cpu", "memory"]
	not container.resources[kind][resource]
	msg := sprintf("[resources] container %s: resources.%s.%s is not set", [container.name, kind, resource])
}

deny contains msg if {
	some container in pod.containers
	some probe in ["livenessProbe", "readinessProbe"]
	not container[probe]
	msg := sprintf("[probes] container %s: %s is missing", [container.name, probe])
}

deny contains msg if {
	some container in pod.containers
	not runs_as_non_root(container)
	msg := sprintf("[non-root] container %s: runAsNonRoot is not true", [container.name])
}

runs_as_non_root(container) if container.securityContext.runAsNonRoot == true

runs_as_non_root(container) if {
	pod.securityContext.runAsNonRoot == true
	not container.securityContext.runAsNonRoot == false
}

deny contains msg if {
	some container in pod.containers
	not container.securityContext.readOnlyRootFilesystem == true
	msg := sprintf("[read-only-root] container %s: the root filesystem is writable", [container.name])
}

deny contains msg if {
	some container in pod.containers
	container.securityContext.privileged == true
	msg := sprintf("[privileged] container %s: runs privileged", [container.name])
}

deny contains msg if {
	some volume in pod.volumes
	volume.hostPath
	msg := sprintf("[host-path] volume %s: mounts a hostPath", [volume.name])
}

deny contains msg if {
	some label in required_labels
	not input.metadata.labels[label]
	msg := sprintf("[labels] label %s is missing", [label])
}

deny contains msg if {
	input.metadata.labels.environment == "production"
	input.spec.replicas < 3
	msg := sprintf("[replicas] %d replicas in production; run at least 3", [input.spec.replicas])
}
