package fleetgate.lib.params_test

import data.fleetgate.lib.params

test_input_parameters_replace_data_parameters if {
	got := params.values with data.fleetgate.params as {"a": 1, "b": [1]}
		with input.params as {"b": [2], "c": 3}
	got == {"a": 1, "b": [2], "c": 3}
}

test_no_parameters_is_an_empty_object if {
	params.values == {} with input as {}
}

test_value_falls_back_to_the_default if {
	params.value("missing", ["x"]) == ["x"] with input.params as {"other": 1}
	params.value("other", 0) == 1 with input.params as {"other": 1}
}
