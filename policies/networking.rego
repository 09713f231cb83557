# Networking (single objects): Ingress hosts served over TLS by a named ingress class.
package main

import data.lib.kubernetes as k8s
import rego.v1

# K8S-NET-004: every host of an Ingress is covered by its TLS section.
deny_ingress_tls contains finding if {
	input.kind == "Ingress"
	some i, rule in object.get(input.spec, "rules", [])
	not tls_covers(rule.host)
	finding := k8s.finding("K8S-NET-004", input, sprintf("spec.rules[%d].host", [i]), sprintf("host %q has no TLS; add it to spec.tls[].hosts", [object.get(rule, "host", "")]))
}

tls_covers(host) if {
	some tls in object.get(input.spec, "tls", [])
	host in object.get(tls, "hosts", [])
}

# K8S-NET-005: without an ingress class, whichever controller is the default (or none) serves it.
deny_ingress_class contains finding if {
	input.kind == "Ingress"
	not input.spec.ingressClassName
	not object.get(input, ["metadata", "annotations", "kubernetes.io/ingress.class"], false)
	finding := k8s.finding("K8S-NET-005", input, "spec.ingressClassName", "is not set; name the ingress class that serves this Ingress")
}
