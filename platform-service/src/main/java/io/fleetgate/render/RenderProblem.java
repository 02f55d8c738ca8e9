package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;

/** Something wrong with the repository, where it is, and what to do about it. */
public record RenderProblem(SourceLocation location, String message) {

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
