package fleetgate.kubernetes.image_pinned_test

import data.fleetgate.kubernetes.image_pinned

pod(image) := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {"containers": [{"name": "c", "image": image}]}}

test_denies_latest_tag if {
	image_pinned.deny == {`Pod apps/p: container "c" uses unpinned image "nginx:latest"`} with input.object as pod("nginx:latest")
}

test_denies_missing_tag if {
	count(image_pinned.deny) == 1 with input.object as pod("registry.example.com:5000/team/app")
}

test_allows_version_tag_behind_registry_port if {
	count(image_pinned.deny) == 0 with input.object as pod("registry.example.com:5000/team/app:1.4.2")
}

test_allows_digest if {
	count(image_pinned.deny) == 0 with input.object as pod("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
}

test_denies_registry_outside_allow_list if {
	findings := image_pinned.deny with input.object as pod("docker.io/library/nginx:1.27")
		with data.fleetgate.params.allowed_registries as ["registry.fleetgate.io"]
	findings == {`Pod apps/p: container "c" pulls "docker.io/library/nginx:1.27" from a registry that is not allowed`}
}

test_allows_registry_on_allow_list if {
	count(image_pinned.deny) == 0 with input.object as pod("registry.fleetgate.io/payments/gateway:2.3.1")
		with data.fleetgate.params.allowed_registries as ["registry.fleetgate.io"]
}
