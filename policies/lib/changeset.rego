# METADATA
# title: Change-set helpers
# description: >-
#   Views over input.objects, the whole set of objects rendered for one cluster, for policies that
#   judge objects together rather than one at a time.
package fleetgate.lib.changeset

# The names of the Namespaces the change set declares, with their labels.
namespaces[name] := object.get(item.object.metadata, "labels", {}) if {
	some item in input.objects
	item.object.kind == "Namespace"
	name := item.object.metadata.name
}

# The NetworkPolicies of the change set.
network_policies contains item.object if {
	some item in input.objects
	item.object.kind == "NetworkPolicy"
}

# How a finding names the object it is about (Kind, namespace, name; namespace "" when
# cluster-scoped).
ref(obj) := {"kind": obj.kind, "namespace": object.get(obj.metadata, "namespace", ""), "name": obj.metadata.name}

# The policy types a NetworkPolicy has, with the API server's default when it names none: Ingress,
# plus Egress when it has egress rules.
policy_types(spec) := spec.policyTypes

policy_types(spec) := ["Ingress", "Egress"] if {
	not spec.policyTypes
	count(object.get(spec, "egress", [])) > 0
}

policy_types(spec) := ["Ingress"] if {
	not spec.policyTypes
	count(object.get(spec, "egress", [])) == 0
}

# True when a label selector selects everything: no labels and no expressions.
selects_all(selector) if {
	count(object.get(selector, "matchLabels", {})) == 0
	count(object.get(selector, "matchExpressions", [])) == 0
}
