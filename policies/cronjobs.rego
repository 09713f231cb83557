# CronJobs: runs that neither pile up nor hang, with a bounded history.
package main

import data.lib.kubernetes as k8s
import rego.v1

# K8S-CRON-001: overlapping runs of a job (a backup) race each other.
deny_cron_concurrency contains finding if {
	input.kind == "CronJob"
	policy := object.get(input.spec, "concurrencyPolicy", "Allow")
	policy != "Forbid"
	finding := k8s.finding("K8S-CRON-001", input, "spec.concurrencyPolicy", sprintf("is %s; set Forbid so that runs never overlap", [policy]))
}

# K8S-CRON-002: without a starting deadline, a controller outage makes missed runs start late at once.
deny_cron_starting_deadline contains finding if {
	input.kind == "CronJob"
	not input.spec.startingDeadlineSeconds
	finding := k8s.finding("K8S-CRON-002", input, "spec.startingDeadlineSeconds", "is not set; set how late a missed run may still start")
}

# K8S-CRON-003: a hung run blocks every later one under Forbid; bound how long a run may take.
deny_cron_active_deadline contains finding if {
	input.kind == "CronJob"
	not input.spec.jobTemplate.spec.activeDeadlineSeconds
	finding := k8s.finding("K8S-CRON-003", input, "spec.jobTemplate.spec.activeDeadlineSeconds", "is not set; set how long a run may take")
}

# K8S-CRON-004: finished Jobs and their pods pile up unless the history is bounded explicitly.
deny_cron_history contains finding if {
	input.kind == "CronJob"
	some limit in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"]
	not k8s.has_key(input.spec, limit)
	finding := k8s.finding("K8S-CRON-004", input, sprintf("spec.%s", [limit]), "is not set; keep a bounded history of runs")
}
