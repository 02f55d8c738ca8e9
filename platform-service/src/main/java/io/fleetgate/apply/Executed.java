package io.fleetgate.apply;

import io.fleetgate.plan.Step;

/** One step of a plan as it was executed. */
public record Executed(Step step, ObjectResult result) {}
