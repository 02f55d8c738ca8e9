# METADATA
# title: LoadBalancer and NodePort Services only where exposure is allowed
# description: >-
#   A LoadBalancer or NodePort Service opens a path from outside the cluster past the ingress
#   layer; only namespaces meant to face the outside (by default ingress) may have one.
# custom:
#   controls: ["PCI-DSS-v4.0:1.3.1", "PCI-DSS-v4.0:1.4.1"]
#   severity: high
#   remediation: >-
#     Use type ClusterIP and route through the ingress controller, or add the namespace to
#     the exposed_namespaces policy parameter for this cluster group.
package fleetgate.kubernetes.service_exposure

import data.fleetgate.lib.params
import data.fleetgate.lib.workload

exposed_namespaces := params.value("exposed_namespaces", ["ingress"])

deny contains msg if {
	input.object.kind == "Service"
	input.object.spec.type in {"LoadBalancer", "NodePort"}
	not object.get(input.object.metadata, "namespace", "default") in exposed_namespaces
	msg := sprintf("%s: type %s exposes the service outside the cluster from a namespace not allowed to", [workload.object_ref, input.object.spec.type])
}
