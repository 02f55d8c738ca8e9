package fleetgate.kubernetes.ingress_tls_test

import data.fleetgate.kubernetes.ingress_tls

ingress(tls) := {"kind": "Ingress", "metadata": {"name": "web", "namespace": "ingress"}, "spec": {
	"rules": [{"host": "pay.example.com"}, {"host": "api.example.com"}],
	"tls": tls,
}}

test_allows_tls_for_every_host if {
	count(ingress_tls.deny) == 0 with input.object as ingress([{"hosts": ["pay.example.com", "api.example.com"], "secretName": "cert"}])
}

test_denies_a_host_without_tls if {
	ingress_tls.deny == {`Ingress ingress/web: host "api.example.com" is served without TLS`} with input.object as ingress([{"hosts": ["pay.example.com"]}])
}

test_denies_an_ingress_without_any_tls if {
	count(ingress_tls.deny) == 2 with input.object as ingress([])
}
