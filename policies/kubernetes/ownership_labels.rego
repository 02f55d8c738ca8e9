# METADATA
# title: Namespaces and workloads name their owner
# description: >-
#   Every namespace and workload carries the team that owns it, so that an alert, a finding or an
#   audit question reaches someone who can act.
# custom:
#   controls: ["PCI-DSS-v4.0:12.5.1"]
#   severity: low
#   remediation: Add the label fleetgate.io/owner with the owning team's name.
package fleetgate.kubernetes.ownership_labels

import data.fleetgate.lib.workload

owned_kinds := {"Namespace", "Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job"}

warn contains msg if {
	input.object.kind in owned_kinds
	not input.object.metadata.labels["fleetgate.io/owner"]
	msg := sprintf("%s: has no fleetgate.io/owner label", [workload.object_ref])
}
