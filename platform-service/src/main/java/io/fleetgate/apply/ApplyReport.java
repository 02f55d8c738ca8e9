package io.fleetgate.apply;

import java.util.List;

/** Every object's result in one cluster, in the order they were handled. */
public record ApplyReport(List<ObjectResult> results) {

  public ApplyReport {
    results = List.copyOf(results);
  }

  public long count(ObjectResult.Action action) {
    return results.stream().filter(r -> r.action() == action).count();
  }

  public List<ObjectResult> failures() {
    return results.stream().filter(r -> r.action() == ObjectResult.Action.FAILED).toList();
  }
}
