# Container images: pinned tags, digests in production, registries from the environment's allow-list.
package main

import data.lib.images
import data.lib.kubernetes as k8s
import rego.v1

# K8S-IMG-001: a tag must be pinned: neither missing nor `latest`.
deny_image_tag contains finding if {
	some entry in k8s.input_containers
	image := entry.container.image
	not images.tag(image)
	finding := k8s.finding("K8S-IMG-001", input, sprintf("%s.image", [entry.path]), sprintf("image %q has no tag; pin a version tag", [image]))
}

deny_image_tag contains finding if {
	some entry in k8s.input_containers
	image := entry.container.image
	images.tag(image) == "latest"
	finding := k8s.finding("K8S-IMG-001", input, sprintf("%s.image", [entry.path]), sprintf("image %q uses the mutable tag latest; pin a version tag", [image]))
}

# K8S-IMG-002: production runs exactly the image that was tested, so images are pinned by digest.
deny_image_digest contains finding if {
	k8s.production
	some entry in k8s.input_containers
	image := entry.container.image
	not images.has_digest(image)
	finding := k8s.finding("K8S-IMG-002", input, sprintf("%s.image", [entry.path]), sprintf("image %q has no @sha256 digest; production images are pinned by digest", [image]))
}

# K8S-IMG-003: images come only from the registries the environment allows (imageRegistries).
deny_image_registry contains finding if {
	allow_list := k8s.environment.imageRegistries
	some entry in k8s.input_containers
	image := entry.container.image
	not images.allowed(image, allow_list)
	finding := k8s.finding("K8S-IMG-003", input, sprintf("%s.image", [entry.path]), sprintf("image %q comes from registry %q, which is not in the allowed registries %v", [image, images.registry(image), allow_list]))
}
