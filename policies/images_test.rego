package main

import data.lib.testing
import rego.v1

test_pinned_image_passes if {
	count(deny_image_tag) == 0 with input as testing.deployment with data.environment as testing.production
	count(deny_image_digest) == 0 with input as testing.deployment with data.environment as testing.production
	count(deny_image_registry) == 0 with input as testing.deployment with data.environment as testing.production
}

test_latest_tag_is_denied if {
	findings := deny_image_tag with input as testing.deployment_with_container({"image": "registry.example.com/video-platform/api:latest"})
	testing.rule_ids(findings) == {"K8S-IMG-001"}
	some finding in findings
	finding.field == "spec.template.spec.containers[0].image"
	finding.object == "Deployment/video-app/api"
}

test_missing_tag_is_denied if {
	findings := deny_image_tag with input as testing.deployment_with_container({"image": "registry.example.com:5000/video-platform/api"})
	testing.rule_ids(findings) == {"K8S-IMG-001"}
}

test_registry_port_is_not_a_tag if {
	count(deny_image_tag) == 0 with input as testing.deployment_with_container({"image": "registry.example.com:5000/video-platform/api:1.0.0"})
}

test_init_container_tag_is_checked if {
	init := object.union(testing.container, {"name": "migrate", "image": "registry.example.com/migrate"})
	findings := deny_image_tag with input as testing.deployment_with_pod({"initContainers": [init]})
	some finding in findings
	finding.field == "spec.template.spec.initContainers[0].image"
}

test_production_requires_digest if {
	findings := deny_image_digest with input as testing.deployment_with_container({"image": "registry.example.com/video-platform/api:1.4.2"})
		with data.environment as testing.production
	testing.rule_ids(findings) == {"K8S-IMG-002"}
}

test_staging_accepts_tag_without_digest if {
	count(deny_image_digest) == 0 with input as testing.deployment_with_container({"image": "registry.example.com/video-platform/api:1.4.2"})
		with data.environment as testing.staging
}

test_unlisted_registry_is_denied if {
	findings := deny_image_registry with input as testing.deployment_with_container({"image": "docker.io/library/nginx:1.27"})
		with data.environment as testing.staging
	testing.rule_ids(findings) == {"K8S-IMG-003"}
}

test_docker_hub_short_name_is_docker_io if {
	findings := deny_image_registry with input as testing.deployment_with_container({"image": "nginx:1.27"})
		with data.environment as testing.staging
	some finding in findings
	contains(finding.msg, "\"docker.io\"")
}

test_repository_prefix_allow_list if {
	count(deny_image_registry) == 0 with input as testing.deployment
		with data.environment as {"name": "staging", "imageRegistries": ["registry.example.com/video-platform"]}
}

test_cronjob_images_are_checked if {
	cronjob := object.union(testing.cronjob, {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [object.union(testing.container, {"image": "registry.example.com/backup:latest"})]}}}}}})
	findings := deny_image_tag with input as cronjob
	some finding in findings
	finding.field == "spec.jobTemplate.spec.template.spec.containers[0].image"
}
