# A conftest policy as users write it (package main, input is the object), used by
# decision_test.rego; test files are never part of the bundle.
package main

deny contains {"msg": msg} if {
	input.metadata.labels.fixture == "conftest"
	not input.metadata.labels.team
	msg := sprintf("%s %s needs a team label", [input.kind, input.metadata.name])
}
