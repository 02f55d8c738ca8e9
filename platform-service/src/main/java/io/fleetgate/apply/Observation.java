package io.fleetgate.apply;

import java.util.List;

/** The health of the observed objects after a sync, and the Warning events about them. */
public record Observation(
    List<ApplyReport.ObjectHealth> health, List<ApplyReport.ObjectEvent> events) {

  public static final Observation NONE = new Observation(List.of(), List.of());

  public Observation {
    health = List.copyOf(health);
    events = List.copyOf(events);
  }
}
