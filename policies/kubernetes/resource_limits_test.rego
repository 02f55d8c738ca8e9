package fleetgate.kubernetes.resource_limits_test

import data.fleetgate.kubernetes.resource_limits

pod(resources) := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {"containers": [{"name": "c", "resources": resources}]}}

test_denies_container_without_resources if {
	count(resource_limits.deny) == 3 with input.object as pod({})
}

test_names_the_missing_field if {
	findings := resource_limits.deny with input.object as pod({"requests": {"cpu": "100m", "memory": "64Mi"}})
	findings == {`Pod apps/p: container "c" has no resources.limits.memory`}
}

test_allows_complete_resources if {
	count(resource_limits.deny) == 0 with input.object as pod({"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}})
}

test_ignores_ephemeral_containers if {
	debug := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {
		"containers": [{"name": "c", "resources": {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"memory": "1Gi"}}}],
		"ephemeralContainers": [{"name": "debugger"}],
	}}
	count(resource_limits.deny) == 0 with input.object as debug
}
