# METADATA
# title: Policy parameters
# description: >-
#   The parameters of the cluster under review: data.fleetgate.params (a bundle's data document)
#   overlaid with input.params, which Fleetgate fills from the policy parameters that fleet.yaml
#   gives the cluster's group. A key in input.params replaces the same key from data.
package fleetgate.lib.params

default from_data := {}

from_data := data.fleetgate.params

default from_input := {}

from_input := input.params

values := object.union(from_data, from_input)

# The value of one parameter, or the policy's default when neither source sets it.
value(key, fallback) := object.get(values, key, fallback)
