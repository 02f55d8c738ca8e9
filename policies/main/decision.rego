# METADATA
# title: Fleetgate decision
# description: >-
#   The single entrypoint the sync gate, the console and `fleetgate validate` evaluate. It gathers
#   the conftest-style rules (deny, violation, warn) of every package under fleetgate.kubernetes
#   and of users' packages under fleetgate.custom, naming the package each finding came from.
package fleetgate.main

# Everything one evaluation answers: the sync gate denies the object when deny is non-empty.
decision := {"deny": deny, "warn": warn}

deny contains {"policy": name, "msg": msg} if {
	some name
	some msg in data.fleetgate.kubernetes[name].deny
}

deny contains {"policy": name, "msg": msg} if {
	some name
	some msg in data.fleetgate.kubernetes[name].violation
}

deny contains {"policy": concat(".", ["custom", name]), "msg": msg} if {
	some name
	some msg in data.fleetgate.custom[name].deny
}

warn contains {"policy": name, "msg": msg} if {
	some name
	some msg in data.fleetgate.kubernetes[name].warn
}

warn contains {"policy": concat(".", ["custom", name]), "msg": msg} if {
	some name
	some msg in data.fleetgate.custom[name].warn
}
