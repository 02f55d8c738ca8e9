# METADATA
# title: Cardholder-data namespaces reachable only from the allow-list
# description: >-
#   Namespaces labelled as the cardholder-data environment (CDE) accept traffic only from other CDE
#   namespaces, from their own pods and from the namespaces on the allow-list, named explicitly by
#   kubernetes.io/metadata.name. Ingress rules open to every source, to address blocks, or to
#   namespaces chosen by labels any namespace could carry are findings; so is every connection
#   Fleetgate's NetworkPolicy engine finds into a CDE namespace from outside the allow-list
#   (input.reachability, computed from the whole change set), named by its path and the rule that
#   opens it.
# custom:
#   controls: ["PCI-DSS-v4.0:1.3.1", "PCI-DSS-v4.0:1.3.2", "PCI-DSS-v4.0:1.4.1"]
#   severity: critical
#   remediation: >-
#     Name each source namespace in the rule's namespaceSelector with
#     matchLabels kubernetes.io/metadata.name, and keep it to the cde_allowed_sources parameter
#     (default [ingress]); add address blocks to cde_allowed_cidrs only with a documented reason.
package fleetgate.changeset.cde_reachability

import data.fleetgate.lib.changeset
import data.fleetgate.lib.params

cde_label := params.value("cde_label", "fleetgate.io/cde")

allowed_sources := {n | some n in params.value("cde_allowed_sources", ["ingress"])}

allowed_cidrs := {c | some c in params.value("cde_allowed_cidrs", [])}

cde contains name if {
	some name, labels in changeset.namespaces
	object.get(labels, cde_label, "") == "true"
}

deny contains {"object": changeset.ref(policy), "msg": msg} if {
	some policy in changeset.network_policies
	policy.metadata.namespace in cde
	some i, rule in object.get(policy.spec, "ingress", [])
	some problem in problems(rule, policy.metadata.namespace)
	msg := sprintf("NetworkPolicy %s/%s: ingress rule %d %s into the cardholder-data namespace %s", [policy.metadata.namespace, policy.metadata.name, i + 1, problem, policy.metadata.namespace])
}

problems(rule, _) := {"admits every source"} if count(object.get(rule, "from", [])) == 0

problems(rule, namespace) := {p | some peer in rule.from; some p in peer_problems(peer, namespace)} if count(object.get(rule, "from", [])) > 0

peer_problems(peer, _) := {sprintf("admits the address block %s", [peer.ipBlock.cidr])} if {
	peer.ipBlock
	not peer.ipBlock.cidr in allowed_cidrs
}

peer_problems(peer, _) := {"selects source namespaces by labels any namespace could carry"} if {
	peer.namespaceSelector
	not pinned(peer.namespaceSelector)
}

peer_problems(peer, namespace) := {sprintf("admits namespace %s, which is not on the allow-list", [n]) |
	some n in pinned(peer.namespaceSelector)
	not n in allowed_sources
	not n in cde
	n != namespace
} if {
	peer.namespaceSelector
	pinned(peer.namespaceSelector)
}

# A pod selector alone admits pods of the policy's own namespace only.
peer_problems(peer, _) := set() if {
	not peer.ipBlock
	not peer.namespaceSelector
}

peer_problems(peer, _) := set() if peer.ipBlock.cidr in allowed_cidrs

# The namespaces a selector names by kubernetes.io/metadata.name; undefined when it does not
# name them.
pinned(selector) := {selector.matchLabels["kubernetes.io/metadata.name"]}

pinned(selector) := names if {
	not selector.matchLabels["kubernetes.io/metadata.name"]
	names := {v |
		some e in object.get(selector, "matchExpressions", [])
		e.key == "kubernetes.io/metadata.name"
		e.operator == "In"
		some v in e.values
	}
	count(names) > 0
}

# The NetworkPolicy engine's facts about the change set (see ReachabilityFacts in platform-service):
# every connection into a protected namespace from another namespace or from addresses.
reachability := object.get(input, "reachability", {})

deny contains {"object": path.object, "msg": msg} if {
	some path in object.get(reachability, "paths", [])
	path.dst_namespace in cde
	not path_allowed(path)
	msg := sprintf("%s => %s (%s) reaches the cardholder-data namespace %s from outside its allow-list, opened by %s", [path.src, path.dst, path.conn, path.dst_namespace, opened_by(path)])
}

path_allowed(path) if path.src_namespace in allowed_sources

path_allowed(path) if path.src_namespace in cde

path_allowed(path) if {
	path.addresses
	count(path.cidrs) > 0
	every cidr in path.cidrs {
		cidr in allowed_cidrs
	}
}

opened_by(path) := concat(", ", [sprintf("%s/%s ingress rule %d", [r.namespace, r.name, r.rule]) | some r in path.admitted_by]) if count(path.admitted_by) > 0

opened_by(path) := sprintf("no policy: %s is not isolated for ingress", [path.dst]) if count(path.admitted_by) == 0

# Fail closed: an object the engine cannot read leaves the facts incomplete.
deny contains {"object": problem.object, "msg": msg} if {
	some problem in object.get(reachability, "problems", [])
	msg := sprintf("reachability cannot be analysed: %s:%d: %s", [problem.path, problem.line, problem.msg])
}
