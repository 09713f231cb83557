package main

import data.lib.testing
import rego.v1

hpa := {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "api", "namespace": "video-app", "labels": testing.labels},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}, "minReplicas": 3, "maxReplicas": 10},
}

test_hpa_within_bounds_passes if {
	count(deny_hpa_bounds) == 0 with input as hpa
}

test_hpa_min_above_max_is_denied if {
	findings := deny_hpa_bounds with input as object.union(hpa, {"spec": {"minReplicas": 12}})
	testing.rule_ids(findings) == {"K8S-AVL-004"}
}
