package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;

/** A manifest file cannot be used; carries the location for the report. */
final class ManifestException extends Exception {

  private final RenderProblem problem;

  ManifestException(SourceLocation location, String message) {
    super(location + ": " + message);
    this.problem = new RenderProblem(location, message);
  }

  RenderProblem problem() {
    return problem;
  }
}
