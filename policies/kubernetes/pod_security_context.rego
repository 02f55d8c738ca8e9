# METADATA
# title: Containers run as non-root with a read-only root filesystem
# description: >-
#   A process running as root inside a container is one kernel bug away from root on the node,
#   and a writable root filesystem lets an intruder persist tools and change binaries.
# custom:
#   controls: ["PCI-DSS-v4.0:2.2.6", "PCI-DSS-v4.0:6.4.1"]
#   severity: high
#   remediation: >-
#     Set securityContext.runAsNonRoot: true (pod or container) and
#     securityContext.readOnlyRootFilesystem: true on every container; mount an emptyDir where the
#     application must write.
package fleetgate.kubernetes.pod_security_context

import data.fleetgate.lib.workload

deny contains msg if {
	some entry in workload.containers
	entry.field != "ephemeralContainers"
	not runs_as_non_root(entry.container)
	msg := sprintf("%s: container %q may run as root (set runAsNonRoot: true)", [workload.object_ref, entry.container.name])
}

deny contains msg if {
	some entry in workload.containers
	entry.field != "ephemeralContainers"
	not entry.container.securityContext.readOnlyRootFilesystem == true
	msg := sprintf("%s: container %q has a writable root filesystem", [workload.object_ref, entry.container.name])
}

runs_as_non_root(container) if container.securityContext.runAsNonRoot == true

runs_as_non_root(container) if container.securityContext.runAsUser > 0

runs_as_non_root(container) if {
	not container.securityContext.runAsNonRoot == false
	not container.securityContext.runAsUser == 0
	workload.pod_spec.securityContext.runAsNonRoot == true
}
