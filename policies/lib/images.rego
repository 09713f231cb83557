# Parsing container image references: `registry/repository:tag@sha256:digest`.
package lib.images

import rego.v1

# The reference without its digest.
without_digest(image) := split(image, "@")[0]

has_digest(image) if {
	digest := split(image, "@")[1]
	startswith(digest, "sha256:")
}

# The tag, undefined when the reference has none (a colon in the last path component).
tag(image) := value if {
	parts := split(without_digest(image), "/")
	last := parts[count(parts) - 1]
	contains(last, ":")
	value := split(last, ":")[1]
}

# The registry host; Docker Hub for references without one (as the container runtime reads them).
registry(image) := host if {
	parts := split(without_digest(image), "/")
	count(parts) > 1
	host := parts[0]
	registry_host(host)
}

registry(image) := "docker.io" if {
	parts := split(without_digest(image), "/")
	not registry_host_first(parts)
}

registry_host_first(parts) if {
	count(parts) > 1
	registry_host(parts[0])
}

registry_host(part) if contains(part, ".")

registry_host(part) if contains(part, ".")

registry_host(part) if part == "localhost"

# An allow-list entry is a registry host (`registry.example.com`) or a repository prefix
# (`registry.example.com/video-platform`).
allowed(image, allow_list) if {
	some entry in allow_list
	registry(image) == entry
}

allowed(image, allow_list) if {
	some entry in allow_list
	startswith(without_digest(image), concat("", [trim_suffix(entry, "/"), "/"]))
}
