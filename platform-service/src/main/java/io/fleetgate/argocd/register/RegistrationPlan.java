package io.fleetgate.argocd.register;

import java.util.ArrayList;
import java.util.List;

/**
 * What registering the fleet in Argo CD does, one {@link Registration} per cluster (and per Secret
 * to delete), in namespace/name order.
 */
public record RegistrationPlan(List<Registration> registrations) {

  public RegistrationPlan {
    registrations = registrations.stream().sorted().toList();
  }

  /** Whether every cluster is registered as it is now: nothing kept back, no conflict. */
  public boolean complete() {
    return registrations.stream().noneMatch(Registration::notRegistered);
  }

  /** Whether applying the plan writes or deletes anything. */
  public boolean changes() {
    return registrations.stream()
        .anyMatch(
            r ->
                r instanceof Registration.Create
                    || r instanceof Registration.Update
                    || r instanceof Registration.Delete);
  }

  /** The plan's printout: one line per registration, names and changed fields only. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Registration r : registrations) {
      lines.add(PlanLines.line(r));
    }
    return lines;
  }
}
