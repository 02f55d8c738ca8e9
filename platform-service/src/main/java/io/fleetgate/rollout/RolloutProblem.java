package io.fleetgate.rollout;

import io.fleetgate.domain.SourceLocation;

/**
 * Why a rollout document, or one of its fields, was refused.
 *
 * @param location the file and line of the field (or the document)
 * @param field the field's path ({@code spec.waves[1].gates.approval.group}), empty for the
 *     document
 * @param message what is wrong and how to fix it
 */
public record RolloutProblem(SourceLocation location, String field, String message) {

  @Override
  public String toString() {
    return location + ": " + (field.isEmpty() ? "" : field + ": ") + message;
  }
}
