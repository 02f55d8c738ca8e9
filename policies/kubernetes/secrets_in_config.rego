# METADATA
# title: No plaintext secrets in ConfigMaps or environment variables
# description: >-
#   Passwords, tokens and keys written into ConfigMaps or literal environment variables are stored
#   unencrypted, shown by any reader of the object and copied into every cluster's etcd.
# custom:
#   controls: ["PCI-DSS-v4.0:8.3.2", "PCI-DSS-v4.0:3.5.1"]
#   severity: critical
#   remediation: >-
#     Move the value into a Secret (or an external secret store) and reference it with
#     secretKeyRef or envFrom.secretRef; never commit the value itself.
package fleetgate.kubernetes.secrets_in_config

import data.fleetgate.lib.workload

# Substrings of names that hold secrets (compared in lower case; no regex, which is slow in Wasm).
secret_words := {"password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "private_key", "privatekey", "private-key", "credential"}

looks_secret(name) if {
	lowered := lower(name)
	some word in secret_words
	contains(lowered, word)
}

# Findings name the key, never the value.
deny contains msg if {
	input.object.kind == "ConfigMap"
	some key, value in input.object.data
	looks_secret(key)
	value != ""
	msg := sprintf("%s: key %q looks like a plaintext secret", [workload.object_ref, key])
}

deny contains msg if {
	some entry in workload.containers
	some env in entry.container.env
	looks_secret(env.name)
	env.value != ""
	msg := sprintf("%s: container %q sets %s as a literal value", [workload.object_ref, entry.container.name, env.name])
}
