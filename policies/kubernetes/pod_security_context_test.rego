package fleetgate.kubernetes.pod_security_context_test

import data.fleetgate.kubernetes.pod_security_context

pod(pod_context, container_context) := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {
	"securityContext": pod_context,
	"containers": [{"name": "c", "securityContext": container_context}],
}}

test_allows_non_root_read_only_container if {
	count(pod_security_context.deny) == 0 with input.object as pod({}, {"runAsNonRoot": true, "readOnlyRootFilesystem": true})
}

test_allows_non_root_from_the_pod if {
	count(pod_security_context.deny) == 0 with input.object as pod({"runAsNonRoot": true}, {"readOnlyRootFilesystem": true})
}

test_allows_a_non_zero_user if {
	count(pod_security_context.deny) == 0 with input.object as pod({}, {"runAsUser": 10001, "readOnlyRootFilesystem": true})
}

test_denies_a_container_overriding_the_pod_to_root if {
	pod_security_context.deny == {`Pod apps/p: container "c" may run as root (set runAsNonRoot: true)`} with input.object as pod({"runAsNonRoot": true}, {"runAsUser": 0, "readOnlyRootFilesystem": true})
}

test_denies_root_and_writable_root_filesystem if {
	count(pod_security_context.deny) == 2 with input.object as pod({}, {})
}

test_ignores_ephemeral_debug_containers if {
	debug := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {
		"securityContext": {"runAsNonRoot": true},
		"containers": [{"name": "c", "securityContext": {"readOnlyRootFilesystem": true}}],
		"ephemeralContainers": [{"name": "debug"}],
	}}
	count(pod_security_context.deny) == 0 with input.object as debug
}
