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

path(src, src_ns, dst_ns, admitted) := {
	"src": src, "dst": sprintf("%s/db[Deployment]", [dst_ns]), "src_namespace": src_ns, "dst_namespace": dst_ns,
	"conn": "TCP 5432", "addresses": src_ns == "", "cidrs": [],
	"admitted_by": admitted, "object": {"kind": "NetworkPolicy", "namespace": dst_ns, "name": "allow"},
}

opened := [{"kind": "NetworkPolicy", "namespace": "payments", "name": "allow", "rule": 1}]

test_denies_a_path_the_engine_found_from_outside_the_allow_list if {
	facts := {"paths": [path("lab/x[Pod]", "lab", "payments", opened)], "problems": []}
	messages([cde("payments")]) == {"lab/x[Pod] => payments/db[Deployment] (TCP 5432) reaches the cardholder-data namespace payments from outside its allow-list, opened by payments/allow ingress rule 1"} with input.reachability as facts
}

test_allows_paths_from_the_allow_list_and_other_cde_namespaces if {
	facts := {"paths": [path("ingress/nginx[Deployment]", "ingress", "payments", opened), path("billing/b[Deployment]", "billing", "payments", opened)], "problems": []}
	count(messages([cde("payments"), cde("billing")])) == 0 with input.reachability as facts
}

test_names_an_unisolated_destination if {
	facts := {"paths": [path("lab/x[Pod]", "lab", "payments", [])], "problems": []}
	messages([cde("payments")]) == {"lab/x[Pod] => payments/db[Deployment] (TCP 5432) reaches the cardholder-data namespace payments from outside its allow-list, opened by no policy: payments/db[Deployment] is not isolated for ingress"} with input.reachability as facts
}

test_address_paths_only_from_allowed_cidrs if {
	p := object.union(path("10.0.0.0-10.255.255.255", "", "payments", opened), {"cidrs": ["10.0.0.0/8"]})
	facts := {"paths": [p], "problems": []}
	count(messages([cde("payments")])) == 1 with input.reachability as facts
	count(cde_reachability.deny) == 0 with input.objects as [cde("payments")] with input.reachability as facts with input.params as {"cde_allowed_cidrs": ["10.0.0.0/8"]}
}

test_fails_closed_when_the_engine_cannot_read_an_object if {
	problem := {"object": {"kind": "NetworkPolicy", "namespace": "payments", "name": "bad"}, "path": "np.yaml", "line": 3, "msg": "NetworkPolicy payments/bad: spec.policyTypes has 'ingress'; use Ingress and/or Egress"}
	[f] := [f | some f in cde_reachability.deny] with input.objects as [] with input.reachability as {"paths": [], "problems": [problem]}
	f.object == problem.object
	f.msg == "reachability cannot be analysed: np.yaml:3: NetworkPolicy payments/bad: spec.policyTypes has 'ingress'; use Ingress and/or Egress"
}
