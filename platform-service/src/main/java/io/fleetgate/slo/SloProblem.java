package io.fleetgate.slo;

import io.fleetgate.domain.SourceLocation;

/**
 * Why a spec, or one field of it, was refused.
 *
 * @param location the file and the line of the field
 * @param field the field's path ({@code spec.objectives[0].target}); empty for the whole document
 * @param message what is wrong and how to fix it
 */
public record SloProblem(SourceLocation location, String field, String message) {

  /** {@code slos/a.yaml:12: spec.objectives[0].target: must be between 0 and 1}. */
  @Override
  public String toString() {
    return location + ": " + (field.isEmpty() ? "" : field + ": ") + message;
  }
}
