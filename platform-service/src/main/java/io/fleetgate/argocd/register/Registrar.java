package io.fleetgate.argocd.register;

import io.fleetgate.cluster.ClusterDirectory;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the fleet in Argo CD: discovers, reads the cluster Secrets, plans, and writes the
 * plan's creates, updates and deletes, each on its own so that one refused write stops no other.
 */
public final class Registrar {

  private final ClusterDirectory directory;
  private final ClusterSecrets secrets;
  private final RegistrationPlanner planner;

  public Registrar(
      ClusterDirectory directory, ClusterSecrets secrets, ConnectionReader connections) {
    this.directory = directory;
    this.secrets = secrets;
    this.planner = new RegistrationPlanner(connections);
  }

  /** The plan against what is there now; nothing is written. */
  public RegistrationPlan plan() {
    return planner.plan(directory.discover(), secrets.list());
  }

  /** Plans, then carries the plan out. */
  public Outcome register() {
    RegistrationPlan plan = plan();
    return new Outcome(plan, apply(plan));
  }

  /** Writes what the plan changes; unchanged, kept and conflicting clusters are not touched. */
  public List<Result> apply(RegistrationPlan plan) {
    List<Result> results = new ArrayList<>();
    for (Registration registration : plan.registrations()) {
      ClusterSecrets.Write write =
          switch (registration) {
            case Registration.Create c -> secrets.create(c.secret());
            case Registration.Update u -> secrets.update(u.existing(), u.secret());
            case Registration.Delete d -> secrets.delete(d.existing());
            case Registration.Unchanged u -> null;
            case Registration.Kept k -> null;
            case Registration.Conflict c -> null;
          };
      if (write != null) {
        results.add(new Result(registration, write));
      }
    }
    return results;
  }

  /** One write of the plan and what it did. */
  public record Result(Registration registration, ClusterSecrets.Write write) {
    public boolean done() {
      return write instanceof ClusterSecrets.Write.Done;
    }
  }

  /**
   * A registration run: its plan and the writes made.
   *
   * @param results one per create, update and delete, in the plan's order
   */
  public record Outcome(RegistrationPlan plan, List<Result> results) {
    public Outcome {
      results = List.copyOf(results);
    }

    /** Every cluster registered as it is now and every write done. */
    public boolean complete() {
      return plan.complete() && results.stream().allMatch(Result::done);
    }
  }
}
