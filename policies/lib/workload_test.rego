package fleetgate.lib.workload_test

import data.fleetgate.lib.workload

deployment := {
	"kind": "Deployment",
	"metadata": {"name": "api", "namespace": "payments"},
	"spec": {"template": {"spec": {
		"initContainers": [{"name": "migrate"}],
		"containers": [{"name": "app"}],
	}}},
}

test_finds_containers_of_a_deployment if {
	names := {c.container.name | some c in workload.containers with input.object as deployment}
	names == {"migrate", "app"}
}

test_finds_containers_of_a_cronjob if {
	cron := {
		"kind": "CronJob",
		"metadata": {"name": "report"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "r"}]}}}}},
	}
	count(workload.containers) == 1 with input.object as cron
}

test_config_map_has_no_containers if {
	count(workload.containers) == 0 with input.object as {"kind": "ConfigMap", "metadata": {"name": "c"}}
}

test_object_ref_names_kind_namespace_and_name if {
	workload.object_ref == "Deployment payments/api" with input.object as deployment
}

test_object_ref_of_cluster_scoped_object if {
	workload.object_ref == "Namespace -/payments" with input.object as {"kind": "Namespace", "metadata": {"name": "payments"}}
}
