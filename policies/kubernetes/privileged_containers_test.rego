package fleetgate.kubernetes.privileged_containers_test

import data.fleetgate.kubernetes.privileged_containers

pod(spec) := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": spec}

test_denies_privileged_container if {
	findings := privileged_containers.deny with input.object as pod({"containers": [{"name": "c", "securityContext": {"privileged": true}}]})
	findings == {`Pod apps/p: container "c" runs privileged`}
}

test_denies_privileged_init_container_of_a_deployment if {
	deployment := {
		"kind": "Deployment",
		"metadata": {"name": "d", "namespace": "apps"},
		"spec": {"template": {"spec": {
			"initContainers": [{"name": "init", "securityContext": {"privileged": true}}],
			"containers": [{"name": "c"}],
		}}},
	}
	count(privileged_containers.deny) == 1 with input.object as deployment
}

test_denies_host_namespaces if {
	findings := privileged_containers.deny with input.object as pod({"hostPID": true, "hostNetwork": true, "containers": [{"name": "c"}]})
	findings == {"Pod apps/p: pod sets hostPID", "Pod apps/p: pod sets hostNetwork"}
}

test_denies_host_path_volume if {
	findings := privileged_containers.deny with input.object as pod({"containers": [{"name": "c"}], "volumes": [{"name": "root", "hostPath": {"path": "/"}}]})
	findings == {`Pod apps/p: volume "root" mounts host path /`}
}

test_allows_unprivileged_pod if {
	count(privileged_containers.deny) == 0 with input.object as pod({
		"containers": [{"name": "c", "securityContext": {"privileged": false}}],
		"volumes": [{"name": "cache", "emptyDir": {}}],
	})
}
