package main

import data.lib.testing
import rego.v1

prometheus_rule(alert) := {
	"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
	"metadata": {"name": "video-platform", "namespace": "video-app", "labels": testing.labels},
	"spec": {"groups": [{"name": "api", "rules": [
		{"record": "job:http_requests:rate5m", "expr": "sum by (job) (rate(http_requests_total[5m]))"},
		alert,
	]}]},
}

good_alert := {
	"alert": "ApiHighErrorRate",
	"expr": "job:http_errors:ratio5m > 0.01",
	"for": "10m",
	"labels": {"severity": "page"},
	"annotations": {"summary": "More than 1% of api requests fail"},
}

test_alert_with_severity_and_summary_passes if {
	count(deny_alert_severity) == 0 with input as prometheus_rule(good_alert)
	count(deny_alert_summary) == 0 with input as prometheus_rule(good_alert)
}

test_alert_without_severity_is_denied if {
	findings := deny_alert_severity with input as prometheus_rule(object.remove(good_alert, ["labels"]))
	testing.rule_ids(findings) == {"K8S-MON-002"}
	{finding.field | some finding in findings} == {"spec.groups[0].rules[1].labels.severity"}
}

test_alert_without_summary_is_denied if {
	findings := deny_alert_summary with input as prometheus_rule(object.remove(good_alert, ["annotations"]))
	testing.rule_ids(findings) == {"K8S-MON-003"}
}

test_recording_rules_need_no_labels if {
	count(deny_alert_severity) == 0 with input as prometheus_rule(good_alert)
}
