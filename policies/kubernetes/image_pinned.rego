# METADATA
# title: Images pinned and from allowed registries
# description: >-
#   A mutable tag such as latest (or no tag at all) means the code that runs can change without a
#   commit; an image from an unknown registry has no provenance.
# custom:
#   controls: ["PCI-DSS-v4.0:6.3.2", "PCI-DSS-v4.0:6.4.3"]
#   severity: high
#   remediation: >-
#     Reference the image by digest (image@sha256:…) or by an immutable version tag, from one of
#     the registries listed in the allowed_registries policy parameter.
package fleetgate.kubernetes.image_pinned

import data.fleetgate.lib.params
import data.fleetgate.lib.workload

allowed_registries := params.value("allowed_registries", [])

deny contains msg if {
	some entry in workload.containers
	unpinned(entry.container.image)
	msg := sprintf("%s: container %q uses unpinned image %q", [workload.object_ref, entry.container.name, entry.container.image])
}

deny contains msg if {
	count(allowed_registries) > 0
	some entry in workload.containers
	not from_allowed_registry(entry.container.image)
	msg := sprintf("%s: container %q pulls %q from a registry that is not allowed", [workload.object_ref, entry.container.name, entry.container.image])
}

unpinned(image) if endswith(image, ":latest")

unpinned(image) if {
	not contains(image, "@")
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	not contains(last, ":")
}

from_allowed_registry(image) if {
	some registry in allowed_registries
	startswith(image, concat("", [registry, "/"]))
}
