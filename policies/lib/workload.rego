# METADATA
# title: Workload helpers
# description: >-
#   Finds the pod template and containers of any workload kind, so that rules about pods
#   apply equally to Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs.
package fleetgate.lib.workload

pod_template_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

# The pod spec of the object under review, when it has one.
pod_spec := input.object.spec if input.object.kind == "Pod"

pod_spec := input.object.spec.template.spec if input.object.kind in pod_template_kinds

pod_spec := input.object.spec.jobTemplate.spec.template.spec if input.object.kind == "CronJob"

# Every container, init container and ephemeral container, with the field that holds it.
containers contains {"field": field, "container": c} if {
	some field in ["containers", "initContainers", "ephemeralContainers"]
	some c in pod_spec[field]
}

# The human name of the object: Kind namespace/name.
object_ref := sprintf("%s %s/%s", [input.object.kind, object.get(input.object.metadata, "namespace", "-"), input.object.metadata.name])
