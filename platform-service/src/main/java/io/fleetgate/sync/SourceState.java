package io.fleetgate.sync;

import io.fleetgate.domain.Revision;

/** What the fleet's sync was given by its source: a closed vocabulary. */
public sealed interface SourceState {

  Revision revision();

  /** One word for records: fresh, stale, refused. */
  String word();

  /** The branch tip was fetched (and, for protected fleets, its signature verified). */
  record Fresh(Revision revision) implements SourceState {
    public String word() {
      return "fresh";
    }
  }

  /**
   * The remote could not be reached: {@code revision} is the last one fetched, kept as every
   * cluster runs it; nothing was applied or pruned.
   */
  record Stale(Revision revision, String reason) implements SourceState {
    public String word() {
      return "stale";
    }
  }

  /**
   * The branch tip was refused (e.g. its signature did not verify): {@code revision} is the last
   * accepted one; nothing was applied or pruned.
   */
  record Refused(Revision revision, String reason) implements SourceState {
    public String word() {
      return "refused";
    }
  }
}
