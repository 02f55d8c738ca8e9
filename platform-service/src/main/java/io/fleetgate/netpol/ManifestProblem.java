package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;

/** A manifest the engine cannot read as written: where it is and what to change. */
public record ManifestProblem(SourceLocation location, String message) {

  @Override
  public String toString() {
    return location + ": " + message;
  }
}
