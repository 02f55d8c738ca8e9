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
