package fleetgate.changeset.cde_reachability_test

import data.fleetgate.changeset.cde_reachability

cde(name) := {"object": {"kind": "Namespace", "metadata": {"name": name, "labels": {"fleetgate.io/cde": "true"}}}}

plain(name) := {"object": {"kind": "Namespace", "metadata": {"name": name}}}

ingress_policy(ns, rules) := {"object": {
	"kind": "NetworkPolicy",
	"metadata": {"name": "allow", "namespace": ns},
	"spec": {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": rules},
}}

from_namespace(name) := {"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}]}

messages(objects) := found if {
	found := {f.msg | some f in cde_reachability.deny} with input.objects as objects
}

test_allows_the_allow_listed_namespace if {
	count(messages([cde("payments"), ingress_policy("payments", [from_namespace("ingress")])])) == 0
}

test_allows_other_cde_namespaces_and_own_pods if {
	rules := [from_namespace("billing"), {"from": [{"podSelector": {"matchLabels": {"app": "x"}}}]}]
	count(messages([cde("payments"), cde("billing"), ingress_policy("payments", rules)])) == 0
}

test_denies_a_namespace_not_on_the_allow_list if {
	messages([cde("payments"), ingress_policy("payments", [from_namespace("marketing")])]) == {"NetworkPolicy payments/allow: ingress rule 1 admits namespace marketing, which is not on the allow-list into the cardholder-data namespace payments"}
}

test_the_allow_list_is_a_parameter if {
	objects := [cde("payments"), ingress_policy("payments", [from_namespace("marketing")])]
	count(cde_reachability.deny) == 0 with input.objects as objects with input.params as {"cde_allowed_sources": ["marketing"]}
	count(cde_reachability.deny) == 1 with input.objects as [cde("payments"), ingress_policy("payments", [from_namespace("ingress")])]
		with input.params as {"cde_allowed_sources": ["marketing"]}
}

test_denies_a_rule_open_to_every_source if {
	messages([cde("payments"), ingress_policy("payments", [{"ports": [{"port": 443}]}])]) == {"NetworkPolicy payments/allow: ingress rule 1 admits every source into the cardholder-data namespace payments"}
	count(messages([cde("payments"), ingress_policy("payments", [{"from": []}])])) == 1
}

test_denies_namespaces_chosen_by_other_labels if {
	rule := {"from": [{"namespaceSelector": {"matchLabels": {"team": "payments"}}}]}
	messages([cde("payments"), ingress_policy("payments", [rule])]) == {"NetworkPolicy payments/allow: ingress rule 1 selects source namespaces by labels any namespace could carry into the cardholder-data namespace payments"}
	all_namespaces := {"from": [{"namespaceSelector": {}}]}
	count(messages([cde("payments"), ingress_policy("payments", [all_namespaces])])) == 1
}

test_namespace_names_in_match_expressions_count if {
	rule := {"from": [{"namespaceSelector": {"matchExpressions": [{"key": "kubernetes.io/metadata.name", "operator": "In", "values": ["ingress", "batch"]}]}}]}
	messages([cde("payments"), ingress_policy("payments", [rule])]) == {"NetworkPolicy payments/allow: ingress rule 1 admits namespace batch, which is not on the allow-list into the cardholder-data namespace payments"}
}

test_address_blocks_only_when_allowed if {
	rule := {"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}]}
	objects := [cde("payments"), ingress_policy("payments", [rule])]
	messages(objects) == {"NetworkPolicy payments/allow: ingress rule 1 admits the address block 10.0.0.0/8 into the cardholder-data namespace payments"}
	count(cde_reachability.deny) == 0 with input.objects as objects with input.params as {"cde_allowed_cidrs": ["10.0.0.0/8"]}
}

test_names_the_network_policy if {
	[f] := [f | some f in cde_reachability.deny] with input.objects as [cde("payments"), ingress_policy("payments", [{}])]
	f.object == {"kind": "NetworkPolicy", "namespace": "payments", "name": "allow"}
}

test_namespaces_outside_the_cde_are_not_judged if {
	count(messages([plain("web"), ingress_policy("web", [{}])])) == 0
}

test_the_cde_label_is_a_parameter if {
	labelled := {"object": {"kind": "Namespace", "metadata": {"name": "vault", "labels": {"pci/scope": "true"}}}}
	count(cde_reachability.deny) == 1 with input.objects as [labelled, ingress_policy("vault", [{}])]
		with input.params as {"cde_label": "pci/scope"}
}
