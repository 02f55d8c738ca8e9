package fleetgate.kubernetes.ownership_labels_test

import data.fleetgate.kubernetes.ownership_labels

test_warns_about_an_unowned_deployment if {
	ownership_labels.warn == {"Deployment apps/web: has no fleetgate.io/owner label"} with input.object as {"kind": "Deployment", "metadata": {"name": "web", "namespace": "apps"}}
}

test_accepts_an_owned_namespace if {
	count(ownership_labels.warn) == 0 with input.object as {"kind": "Namespace", "metadata": {"name": "apps", "labels": {"fleetgate.io/owner": "payments-team"}}}
}

test_ignores_config_maps if {
	count(ownership_labels.warn) == 0 with input.object as {"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "apps"}}
}
