package main

import data.lib.testing
import rego.v1

cron_rules(obj) := ids if {
	results := [deny_cron_concurrency, deny_cron_starting_deadline, deny_cron_active_deadline, deny_cron_history] with input as obj
	ids := {finding.rule | some findings in results; some finding in findings}
}

test_bounded_cronjob_passes if {
	count(cron_rules(testing.cronjob)) == 0
}

test_concurrent_runs_are_denied if {
	cron_rules(object.union(testing.cronjob, {"spec": {"concurrencyPolicy": "Allow"}})) == {"K8S-CRON-001"}
}

test_default_concurrency_is_denied if {
	obj := object.union(object.remove(testing.cronjob, ["spec"]), {"spec": object.remove(testing.cronjob.spec, ["concurrencyPolicy"])})
	cron_rules(obj) == {"K8S-CRON-001"}
}

test_missing_starting_deadline_is_denied if {
	obj := object.union(object.remove(testing.cronjob, ["spec"]), {"spec": object.remove(testing.cronjob.spec, ["startingDeadlineSeconds"])})
	cron_rules(obj) == {"K8S-CRON-002"}
}

test_missing_active_deadline_is_denied if {
	job_spec := object.remove(testing.cronjob.spec.jobTemplate.spec, ["activeDeadlineSeconds"])
	obj := object.union(object.remove(testing.cronjob, ["spec"]), {"spec": object.union(object.remove(testing.cronjob.spec, ["jobTemplate"]), {"jobTemplate": {"spec": job_spec}})})
	cron_rules(obj) == {"K8S-CRON-003"}
}

test_missing_history_limits_are_denied if {
	obj := object.union(object.remove(testing.cronjob, ["spec"]), {"spec": object.remove(testing.cronjob.spec, ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"])})
	cron_rules(obj) == {"K8S-CRON-004"}
	count(deny_cron_history) == 2 with input as obj
}

test_zero_history_is_explicit_and_passes if {
	count(cron_rules(object.union(testing.cronjob, {"spec": {"failedJobsHistoryLimit": 0}}))) == 0
}
