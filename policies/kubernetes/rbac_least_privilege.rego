# METADATA
# title: No wildcard RBAC and no extra cluster-admin bindings
# description: >-
#   Wildcards grant every present and future verb and resource; a cluster-admin binding gives
#   its subjects everything. Access must be granted by need, named explicitly.
# custom:
#   controls: ["PCI-DSS-v4.0:7.2.1", "PCI-DSS-v4.0:7.2.2"]
#   severity: critical
#   remediation: >-
#     List the verbs, resources and API groups the subject needs; bind cluster-admin only to the
#     subjects in the cluster_admins policy parameter.
package fleetgate.kubernetes.rbac_least_privilege

import data.fleetgate.lib.params
import data.fleetgate.lib.workload

cluster_admins := params.value("cluster_admins", [])

deny contains msg if {
	input.object.kind in {"Role", "ClusterRole"}
	some rule in input.object.rules
	some field in ["verbs", "resources", "apiGroups"]
	"*" in rule[field]
	msg := sprintf("%s: a rule grants '*' in %s", [workload.object_ref, field])
}

deny contains msg if {
	input.object.kind in {"RoleBinding", "ClusterRoleBinding"}
	input.object.roleRef.name == "cluster-admin"
	some subject in input.object.subjects
	not subject.name in cluster_admins
	msg := sprintf("%s: binds cluster-admin to %s %q", [workload.object_ref, subject.kind, subject.name])
}
