# Monitoring: alerts that tell the on-call how bad it is and what happened. (Whether each `expr`
# parses as PromQL is checked by the runner: K8S-MON-001, see README.md.)
package main

import data.lib.kubernetes as k8s
import rego.v1

alert_rules contains rule if {
	input.kind == "PrometheusRule"
	some g, group in object.get(input.spec, "groups", [])
	some r, alert in object.get(group, "rules", [])
	alert.alert
	rule := {"alert": alert, "path": sprintf("spec.groups[%d].rules[%d]", [g, r])}
}

# K8S-MON-002: the severity label routes the alert (page or ticket).
deny_alert_severity contains finding if {
	some rule in alert_rules
	not rule.alert.labels.severity
	finding := k8s.finding("K8S-MON-002", input, sprintf("%s.labels.severity", [rule.path]), sprintf("alert %s has no severity label; set severity", [rule.alert.alert]))
}

# K8S-MON-003: the summary annotation is what the notification says.
deny_alert_summary contains finding if {
	some rule in alert_rules
	not rule.alert.annotations.summary
	finding := k8s.finding("K8S-MON-003", input, sprintf("%s.annotations.summary", [rule.path]), sprintf("alert %s has no summary annotation; add one", [rule.alert.alert]))
}
