package fleetgate.kubernetes.secrets_in_config_test

import data.fleetgate.kubernetes.secrets_in_config

config_map(entries) := {"kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "apps"}, "data": entries}

pod(env) := {"kind": "Pod", "metadata": {"name": "p", "namespace": "apps"}, "spec": {"containers": [{"name": "c", "env": env}]}}

test_denies_a_password_in_a_config_map_without_showing_it if {
	findings := secrets_in_config.deny with input.object as config_map({"DB_PASSWORD": "hunter2", "mode": "strict"})
	findings == {`ConfigMap apps/settings: key "DB_PASSWORD" looks like a plaintext secret`}
	every f in findings {
		not contains(f, "hunter2")
	}
}

test_allows_ordinary_settings if {
	count(secrets_in_config.deny) == 0 with input.object as config_map({"mode": "strict", "password_policy_url": ""})
}

test_denies_a_literal_token_in_env if {
	secrets_in_config.deny == {`Pod apps/p: container "c" sets API_TOKEN as a literal value`} with input.object as pod([{"name": "API_TOKEN", "value": "abc"}])
}

test_allows_a_token_from_a_secret if {
	count(secrets_in_config.deny) == 0 with input.object as pod([{"name": "API_TOKEN", "valueFrom": {"secretKeyRef": {"name": "t", "key": "k"}}}])
}
