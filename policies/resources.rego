# Container resources: requests and limits for cpu and memory, and a bounded memory burst.
package main

import data.lib.kubernetes as k8s
import rego.v1

required_resources := [
	["requests", "cpu"],
	["requests", "memory"],
	["limits", "cpu"],
	["limits", "memory"],
]

# K8S-RES-001: every container states cpu and memory requests and limits, so that the scheduler
# places it on the load it has and a runaway container cannot starve its neighbours.
deny_resources contains finding if {
	some entry in k8s.input_containers
	some key in required_resources
	not entry.container.resources[key[0]][key[1]]
	field := sprintf("%s.resources.%s.%s", [entry.path, key[0], key[1]])
	finding := k8s.finding("K8S-RES-001", input, field, sprintf("container %q sets no resources.%s.%s; set it", [entry.container.name, key[0], key[1]]))
}

# K8S-RES-002: a memory limit far above the request lets pods overcommit a node until the kernel
# kills them; the limit may be at most 4 times the request.
deny_memory_ratio contains finding if {
	some entry in k8s.input_containers
	limit := entry.container.resources.limits.memory
	request := entry.container.resources.requests.memory
	units.parse_bytes(format_int_quantity(limit)) > 4 * units.parse_bytes(format_int_quantity(request))
	field := sprintf("%s.resources.limits.memory", [entry.path])
	finding := k8s.finding("K8S-RES-002", input, field, sprintf("memory limit %v is more than 4 times the request %v; raise the request or lower the limit", [limit, request]))
}

# Quantities may be written as YAML numbers (bytes); units.parse_bytes wants a string.
format_int_quantity(quantity) := quantity if is_string(quantity)

format_int_quantity(quantity) := sprintf("%v", [quantity]) if is_number(quantity)
