# METADATA
# title: Ingresses terminate TLS for every host
# description: >-
#   An Ingress rule without TLS sends its traffic, cookies and credentials in clear text across
#   the network.
# custom:
#   controls: ["PCI-DSS-v4.0:4.2.1"]
#   severity: high
#   remediation: Add a spec.tls entry (with a certificate Secret) listing every host of the rules.
package fleetgate.kubernetes.ingress_tls

import data.fleetgate.lib.workload

tls_hosts contains host if {
	some tls in input.object.spec.tls
	some host in tls.hosts
}

deny contains msg if {
	input.object.kind == "Ingress"
	some rule in input.object.spec.rules
	not rule.host in tls_hosts
	msg := sprintf("%s: host %q is served without TLS", [workload.object_ref, object.get(rule, "host", "*")])
}
