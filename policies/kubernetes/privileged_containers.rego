# METADATA
# title: No privileged containers or host namespaces
# description: >-
#   A privileged container, or a pod sharing the node's PID or network namespace or mounting a
#   host path, can escape to the node and reach every other workload on it.
# custom:
#   controls: ["PCI-DSS-v4.0:2.2.6", "PCI-DSS-v4.0:7.2.1"]
#   severity: critical
#   remediation: >-
#     Remove securityContext.privileged, hostPID, hostNetwork and hostPath volumes; grant only
#     the specific Linux capabilities the container needs.
package fleetgate.kubernetes.privileged_containers

import data.fleetgate.lib.workload

deny contains msg if {
	some entry in workload.containers
	entry.container.securityContext.privileged == true
	msg := sprintf("%s: container %q runs privileged", [workload.object_ref, entry.container.name])
}

deny contains msg if {
	some field in ["hostPID", "hostNetwork", "hostIPC"]
	workload.pod_spec[field] == true
	msg := sprintf("%s: pod sets %s", [workload.object_ref, field])
}

deny contains msg if {
	some volume in workload.pod_spec.volumes
	volume.hostPath
	msg := sprintf("%s: volume %q mounts host path %s", [workload.object_ref, volume.name, volume.hostPath.path])
}
