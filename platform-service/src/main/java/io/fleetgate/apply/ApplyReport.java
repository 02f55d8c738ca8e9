package io.fleetgate.apply;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.health.Health;
import java.util.List;

/**
 * Every object's result in one cluster, in the order they were handled, and the health of the
 * observed kinds (workloads, claims, load balancers, CRDs) as the cluster reported it afterwards.
 */
public record ApplyReport(
    List<ObjectResult> results, List<ObjectHealth> health, List<ObjectEvent> events) {

  /** The health of one object after the sync. */
  public record ObjectHealth(ObjectRef ref, String source, Health health) {}

  /**
   * A Warning event the cluster recorded about a synced object.
   *
   * @param count how often it happened
   */
  public record ObjectEvent(ObjectRef ref, String reason, String message, int count) {
    @Override
    public String toString() {
      return ref + " " + reason + (count > 1 ? " (x" + count + ")" : "") + ": " + message;
    }
  }

  public ApplyReport {
    results = List.copyOf(results);
    health = List.copyOf(health);
    events = List.copyOf(events);
  }

  public ApplyReport(List<ObjectResult> results) {
    this(results, List.of(), List.of());
  }

  public ApplyReport(List<ObjectResult> results, Observation observation) {
    this(results, observation.health(), observation.events());
  }

  public long count(ObjectResult.Action action) {
    return results.stream().filter(r -> r.action() == action).count();
  }

  public long count(Health.Status status) {
    return health.stream().filter(h -> h.health().status() == status).count();
  }

  public List<ObjectResult> failures() {
    return results.stream().filter(r -> r.action() == ObjectResult.Action.FAILED).toList();
  }
}
