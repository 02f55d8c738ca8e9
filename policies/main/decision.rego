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

# Conftest's default package: users' conftest policies drop in unchanged and see the object itself
# as input, as conftest gives it.
deny contains {"policy": "main", "msg": text(msg)} if {
	some msg in data.main.deny with input as input.object
}

deny contains {"policy": "main", "msg": text(msg)} if {
	some msg in data.main.violation with input as input.object
}

warn contains {"policy": "main", "msg": text(msg)} if {
	some msg in data.main.warn with input as input.object
}

# Conftest allows a finding to be a string or an object with a msg.
text(msg) := msg.msg if is_object(msg)

text(msg) := msg if not is_object(msg)

# METADATA
# description: >-
#   The second entrypoint, evaluated once per cluster over the whole change set
#   (input.objects): findings of the packages under fleetgate.changeset, each naming the object
#   (kind, namespace, name) it is about, so the gate can hold back that object's bundle.
changeset := {"deny": changeset_deny, "warn": changeset_warn}

changeset_deny contains {"policy": name, "msg": finding.msg, "object": finding.object} if {
	some name
	some finding in data.fleetgate.changeset[name].deny
}

changeset_deny contains {"policy": name, "msg": finding.msg, "object": finding.object} if {
	some name
	some finding in data.fleetgate.changeset[name].violation
}

changeset_warn contains {"policy": name, "msg": finding.msg, "object": finding.object} if {
	some name
	some finding in data.fleetgate.changeset[name].warn
}
