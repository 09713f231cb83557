# Test fixtures shared by the policies' tests: objects that pass every policy, to be broken one
# field at a time.
package lib.testing

import rego.v1

production := {"name": "production", "imageRegistries": ["registry.example.com"]}

staging := {"name": "staging", "imageRegistries": ["registry.example.com"]}

labels := {
	"app.kubernetes.io/name": "api",
	"app.kubernetes.io/instance": "api-production",
	"app.kubernetes.io/version": "1.4.2",
	"app.kubernetes.io/component": "api",
	"app.kubernetes.io/part-of": "video-platform",
	"app.kubernetes.io/managed-by": "cdk8s",
	"environment": "production",
}

selector := {"app.kubernetes.io/name": "api", "app.kubernetes.io/instance": "api-production"}

image := "registry.example.com/video-platform/api:1.4.2@sha256:4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d"

container := {
	"name": "api",
	"image": image,
	"ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
	"env": [
		{"name": "LOG_LEVEL", "value": "info"},
		{"name": "DATABASE_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "api-database", "key": "password"}}},
	],
	"resources": {
		"requests": {"cpu": "250m", "memory": "256Mi"},
		"limits": {"cpu": "500m", "memory": "512Mi"},
	},
	"securityContext": {
		"runAsNonRoot": true,
		"allowPrivilegeEscalation": false,
		"privileged": false,
		"readOnlyRootFilesystem": true,
		"capabilities": {"drop": ["ALL"]},
		"seccompProfile": {"type": "RuntimeDefault"},
	},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": "http"}},
	"livenessProbe": {"httpGet": {"path": "/live", "port": "http"}},
}

# The fixture container with some securityContext fields removed.
container_without_security(keys) := object.union(object.remove(container, ["securityContext"]), {"securityContext": object.remove(container.securityContext, keys)})

pod_spec := {
	"serviceAccountName": "api",
	"automountServiceAccountToken": false,
	"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
	"volumes": [{"name": "tmp", "emptyDir": {}}],
	"containers": [container],
}

deployment := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "video-app", "labels": labels},
	"spec": {
		"selector": {"matchLabels": selector},
		"template": {"metadata": {"labels": labels}, "spec": pod_spec},
	},
}

# The fixture Deployment with its one container changed (`patch` is merged into it).
deployment_with_container(patch) := object.union(deployment, {"spec": {"template": {"spec": {"containers": [object.union(container, patch)]}}}})

# The fixture Deployment with its one container replaced.
deployment_with_only(replacement) := object.union(deployment, {"spec": {"template": {"spec": {"containers": [replacement]}}}})

# The fixture Deployment with its pod spec changed.
deployment_with_pod(patch) := object.union(deployment, {"spec": {"template": {"spec": patch}}})

# The fixture Deployment with its pod spec replaced (to drop fields, which object.union cannot).
deployment_replacing_pod(pod) := object.union(object.remove(deployment, ["spec"]), {"spec": {
	"selector": deployment.spec.selector,
	"template": {"metadata": deployment.spec.template.metadata, "spec": pod},
}})

cronjob := {
	"apiVersion": "batch/v1",
	"kind": "CronJob",
	"metadata": {"name": "backup", "namespace": "video-app", "labels": labels},
	"spec": {
		"schedule": "0 2 * * *",
		"concurrencyPolicy": "Forbid",
		"startingDeadlineSeconds": 600,
		"successfulJobsHistoryLimit": 3,
		"failedJobsHistoryLimit": 3,
		"jobTemplate": {"spec": {
			"activeDeadlineSeconds": 3600,
			"template": {"metadata": {"labels": labels}, "spec": object.union(pod_spec, {"restartPolicy": "OnFailure"})},
		}},
	},
}

# Rule ids of a set of findings.
rule_ids(findings) := {finding.rule | some finding in findings}

# The combined input (conftest --combine) of a list of objects.
combined(objects) := [{"path": sprintf("dist/production/%d.yaml", [i]), "contents": obj} |
	some i, obj in objects
]
