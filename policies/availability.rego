# Availability (single objects): autoscaler bounds. Cross-object availability rules are in
# combined/availability.rego.
package main

import data.lib.kubernetes as k8s
import rego.v1

# K8S-AVL-004: an HPA whose minimum exceeds its maximum cannot scale.
deny_hpa_bounds contains finding if {
	input.kind == "HorizontalPodAutoscaler"
	minimum := object.get(input.spec, "minReplicas", 1)
	minimum > input.spec.maxReplicas
	finding := k8s.finding("K8S-AVL-004", input, "spec.minReplicas", sprintf("minReplicas %v is above maxReplicas %v", [minimum, input.spec.maxReplicas]))
}
