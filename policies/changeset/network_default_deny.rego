# METADATA
# title: Default-deny NetworkPolicy in every application namespace
# description: >-
#   Every namespace the fleet declares, system namespaces apart, has a NetworkPolicy that selects
#   all of its pods and allows nothing, so that traffic flows only where another policy explicitly
#   allows it. Judged over the whole change set of a cluster.
# custom:
#   controls: ["PCI-DSS-v4.0:1.2.1", "PCI-DSS-v4.0:1.3.1", "PCI-DSS-v4.0:1.3.2"]
#   severity: high
#   remediation: >-
#     Add a NetworkPolicy to the namespace's bundle with podSelector {}, policyTypes [Ingress,
#     Egress] and no ingress or egress rules; allow the traffic the namespace needs with further
#     policies. Namespaces managed outside Fleetgate belong in the system_namespaces parameter.
package fleetgate.changeset.network_default_deny

import data.fleetgate.lib.changeset
import data.fleetgate.lib.params

system_namespaces := params.value("system_namespaces", ["kube-system", "kube-public", "kube-node-lease"])

# Whether egress must be denied by default too.
require_egress := params.value("default_deny_egress", true)

required_types := ["Ingress", "Egress"] if require_egress

required_types := ["Ingress"] if not require_egress

defended contains policy.metadata.namespace if {
	some policy in changeset.network_policies
	denies_everything(policy.spec)
}

denies_everything(spec) if {
	changeset.selects_all(object.get(spec, "podSelector", {}))
	types := changeset.policy_types(spec)
	every type in required_types {
		type in types
		count(object.get(spec, lower(type), [])) == 0
	}
}

deny contains {"object": {"kind": "Namespace", "namespace": "", "name": name}, "msg": msg} if {
	some name, _ in changeset.namespaces
	not name in system_namespaces
	not name in defended
	msg := sprintf("Namespace %s has no default-deny NetworkPolicy (podSelector {}, policyTypes [%s], no rules)", [name, concat(", ", required_types)])
}
