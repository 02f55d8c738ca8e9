# METADATA
# title: Containers declare resource requests and limits
# description: >-
#   A container without CPU and memory limits can starve its neighbours on the node, turning
#   one faulty release into an outage of the services beside it.
# custom:
#   controls: ["PCI-DSS-v4.0:2.2.1", "PCI-DSS-v4.0:12.10.1"]
#   severity: medium
#   remediation: >-
#     Set resources.requests.cpu, resources.requests.memory and resources.limits.memory (and
#     resources.limits.cpu where the namespace requires it) on every container.
package fleetgate.kubernetes.resource_limits

import data.fleetgate.lib.workload

required := [["requests", "cpu"], ["requests", "memory"], ["limits", "memory"]]

deny contains msg if {
	some entry in workload.containers
	entry.field != "ephemeralContainers"
	some path in required
	not entry.container.resources[path[0]][path[1]]
	msg := sprintf("%s: container %q has no resources.%s.%s", [workload.object_ref, entry.container.name, path[0], path[1]])
}
