package fleetgate.changeset.network_default_deny_test

import data.fleetgate.changeset.network_default_deny

namespace(name) := {"object": {"kind": "Namespace", "metadata": {"name": name}}}

policy(ns, spec) := {"object": {"kind": "NetworkPolicy", "metadata": {"name": "p", "namespace": ns}, "spec": spec}}

deny_all := {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}

test_denies_a_namespace_without_any_network_policy if {
	findings := network_default_deny.deny with input.objects as [namespace("apps")]
	[f] := [f | some f in findings]
	f.object == {"kind": "Namespace", "namespace": "", "name": "apps"}
	contains(f.msg, "Namespace apps has no default-deny NetworkPolicy")
}

test_allows_a_namespace_with_a_default_deny_policy if {
	count(network_default_deny.deny) == 0 with input.objects as [namespace("apps"), policy("apps", deny_all)]
}

test_a_default_deny_in_another_namespace_does_not_count if {
	count(network_default_deny.deny) == 1 with input.objects as [namespace("apps"), policy("other", deny_all)]
}

test_a_policy_selecting_some_pods_is_not_a_default_deny if {
	spec := object.union(deny_all, {"podSelector": {"matchLabels": {"app": "web"}}})
	count(network_default_deny.deny) == 1 with input.objects as [namespace("apps"), policy("apps", spec)]
}

test_a_policy_with_an_ingress_rule_is_not_a_default_deny if {
	spec := object.union(deny_all, {"ingress": [{}]})
	count(network_default_deny.deny) == 1 with input.objects as [namespace("apps"), policy("apps", spec)]
}

test_ingress_only_is_not_enough_unless_egress_is_optional if {
	ingress_only := {"podSelector": {}}
	count(network_default_deny.deny) == 1 with input.objects as [namespace("apps"), policy("apps", ingress_only)]
	count(network_default_deny.deny) == 0 with input.objects as [namespace("apps"), policy("apps", ingress_only)]
		with input.params as {"default_deny_egress": false}
}

test_policy_types_default_like_the_api_server if {
	# Egress rules without policyTypes make an Ingress+Egress policy: it denies all ingress but
	# allows some egress, so it is not a default deny for both directions.
	spec := {"podSelector": {}, "egress": [{"to": [{"podSelector": {}}]}]}
	count(network_default_deny.deny) == 1 with input.objects as [namespace("apps"), policy("apps", spec)]
	count(network_default_deny.deny) == 0 with input.objects as [namespace("apps"), policy("apps", spec)]
		with input.params as {"default_deny_egress": false}
}

test_system_namespaces_are_exempt if {
	count(network_default_deny.deny) == 0 with input.objects as [namespace("kube-system")]
	count(network_default_deny.deny) == 0 with input.objects as [namespace("legacy")]
		with input.params as {"system_namespaces": ["legacy"]}
}

test_objects_in_undeclared_namespaces_are_not_judged if {
	count(network_default_deny.deny) == 0 with input.objects as [{"object": {"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "apps"}}}]
}
