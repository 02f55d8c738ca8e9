package fleetgate.kubernetes.service_exposure_test

import data.fleetgate.kubernetes.service_exposure

service(namespace, type) := {"kind": "Service", "metadata": {"name": "s", "namespace": namespace}, "spec": {"type": type}}

test_denies_a_load_balancer_in_an_application_namespace if {
	count(service_exposure.deny) == 1 with input.object as service("payments", "LoadBalancer")
}

test_denies_a_node_port_in_the_default_namespace if {
	count(service_exposure.deny) == 1 with input.object as {"kind": "Service", "metadata": {"name": "s"}, "spec": {"type": "NodePort"}}
}

test_allows_a_load_balancer_in_ingress if {
	count(service_exposure.deny) == 0 with input.object as service("ingress", "LoadBalancer")
}

test_allows_cluster_ip_anywhere if {
	count(service_exposure.deny) == 0 with input.object as service("payments", "ClusterIP")
}

test_follows_the_configured_namespaces if {
	count(service_exposure.deny) == 0 with input.object as service("edge", "LoadBalancer")
		with data.fleetgate.params.exposed_namespaces as ["edge"]
}

test_cluster_group_parameters_from_the_fleet_override_the_data if {
	count(service_exposure.deny) == 0 with input as {"object": service("edge", "LoadBalancer"), "params": {"exposed_namespaces": ["edge"]}}
		with data.fleetgate.params.exposed_namespaces as ["ingress"]
	count(service_exposure.deny) == 1 with input as {"object": service("ingress", "LoadBalancer"), "params": {"exposed_namespaces": ["edge"]}}
}
