package fleetgate.main_test

import data.fleetgate.main

privileged_latest := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {"containers": [{
	"name": "c",
	"image": "nginx:latest",
	"securityContext": {"privileged": true, "runAsNonRoot": true, "readOnlyRootFilesystem": true},
	"resources": {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"memory": "1Gi"}},
}]}}

test_gathers_denials_from_every_policy_package if {
	policies := {f.policy | some f in main.deny with input.object as privileged_latest}
	policies == {"privileged_containers", "image_pinned"}
}

test_gathers_user_policies_under_custom if {
	findings := main.deny with input.object as {"kind": "ConfigMap", "metadata": {"name": "c"}}
		with data.fleetgate.custom.team_rules.deny as {"team label missing"}
	findings == {{"policy": "custom.team_rules", "msg": "team label missing"}}
}

test_gathers_violations_and_warnings if {
	findings := main.deny with input.object as {"kind": "ConfigMap", "metadata": {"name": "c"}}
		with data.fleetgate.kubernetes.extra.violation as {"v"}
		with data.fleetgate.kubernetes.extra.warn as {"w"}
	findings == {{"policy": "extra", "msg": "v"}}
	warnings := main.warn with input.object as {"kind": "ConfigMap", "metadata": {"name": "c"}}
		with data.fleetgate.kubernetes.extra.warn as {"w"}
		with data.fleetgate.custom.mine.warn as {"m"}
	warnings == {{"policy": "extra", "msg": "w"}, {"policy": "custom.mine", "msg": "m"}}
}

test_clean_object_has_no_findings if {
	clean := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {"containers": [{
		"name": "c",
		"image": "registry.fleetgate.io/app@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31",
		"securityContext": {"runAsNonRoot": true, "readOnlyRootFilesystem": true},
		"resources": {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"memory": "1Gi"}},
	}]}}
	count(main.deny) == 0 with input.object as clean
}

test_decision_holds_denials_and_warnings if {
	result := main.decision with input.object as privileged_latest
		with data.fleetgate.kubernetes.extra.warn as {"w"}
	count(result.deny) == 2
	result.warn == {{"policy": "extra", "msg": "w"}}
}

test_conftest_policies_in_package_main_see_the_object_as_input if {
	# main_conftest_fixture_test.rego holds a conftest policy in package main, written against the
	# bare object.
	obj := {"kind": "ConfigMap", "metadata": {"name": "c", "labels": {"fixture": "conftest"}}}
	main.deny == {{"policy": "main", "msg": "ConfigMap c needs a team label"}} with input.object as obj
}

test_conftest_violations_and_warnings_are_gathered if {
	obj := {"kind": "ConfigMap", "metadata": {"name": "c"}}
	main.deny == {{"policy": "main", "msg": "v"}} with input.object as obj with data.main.violation as {"v"}
	main.warn == {{"policy": "main", "msg": "w"}} with input.object as obj with data.main.warn as {"w"}
}

test_changeset_gathers_findings_with_their_objects if {
	ref := {"kind": "Namespace", "namespace": "", "name": "apps"}
	result := main.changeset with input.objects as []
		with data.fleetgate.changeset.extra.deny as {{"object": ref, "msg": "d"}}
		with data.fleetgate.changeset.extra.violation as {{"object": ref, "msg": "v"}}
		with data.fleetgate.changeset.extra.warn as {{"object": ref, "msg": "w"}}
	result.deny == {{"policy": "extra", "msg": "d", "object": ref}, {"policy": "extra", "msg": "v", "object": ref}}
	result.warn == {{"policy": "extra", "msg": "w", "object": ref}}
}
