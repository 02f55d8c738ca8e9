package io.fleetgate.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Argo CD's view of one cluster, for a platform that syncs through the {@code argocd} driver: one
 * row per Application Fleetgate made for the cluster, with Argo CD's sync status, health and last
 * operation, and the resources that are not synced or not healthy.
 */
public final class ArgoCdStatus {

  private ArgoCdStatus() {}

  /** What the platform could say. */
  public enum State {
    /** The platform writes with its own engine; Argo CD is not asked. */
    NOT_DRIVEN,
    /** Argo CD answered; the applications are its answer. */
    READ,
    /** Argo CD did not answer or refused; the problem says why. */
    UNREADABLE
  }

  /** Whether an Application's live state matches its pinned revision. */
  public enum Sync {
    SYNCED,
    OUT_OF_SYNC,
    UNKNOWN
  }

  /** The health Argo CD assesses. */
  public enum Health {
    HEALTHY,
    PROGRESSING,
    DEGRADED,
    SUSPENDED,
    MISSING,
    UNKNOWN
  }

  /** Where the Application's latest sync operation stands. */
  public enum Operation {
    NONE,
    RUNNING,
    TERMINATING,
    SUCCEEDED,
    FAILED,
    ERROR,
    UNKNOWN
  }

  /**
   * @param cluster the cluster's name
   * @param server Argo CD's address; empty when not driven
   * @param problem why Argo CD could not be read; empty otherwise
   * @param readAt when Argo CD was asked; null when not driven
   */
  public record Report(
      State state,
      String cluster,
      String server,
      String problem,
      Instant readAt,
      List<Application> applications) {

    public Report {
      Objects.requireNonNull(state, "state");
      applications = List.copyOf(applications);
    }

    public static Report notDriven(String cluster) {
      return new Report(State.NOT_DRIVEN, cluster, "", "", null, List.of());
    }

    public static Report read(
        String cluster, String server, Instant at, List<Application> applications) {
      return new Report(State.READ, cluster, server, "", at, applications);
    }

    public static Report unreadable(String cluster, String server, Instant at, String problem) {
      return new Report(State.UNREADABLE, cluster, server, problem, at, List.of());
    }
  }

  /**
   * One Application, as Argo CD last observed it.
   *
   * @param bundle the Fleetgate bundle it delivers
   * @param targetRevision the rendered commit it is pinned to
   * @param syncedRevision the revision Argo CD compared the live state with; empty when none
   * @param message Argo CD's message about the operation; empty when none
   * @param resources how many resources it manages
   * @param attention the resources that are not synced or not healthy, at most {@link
   *     #MAX_ATTENTION}
   */
  public record Application(
      String name,
      String bundle,
      Sync sync,
      Health health,
      Operation operation,
      String targetRevision,
      String syncedRevision,
      String message,
      int resources,
      List<Resource> attention) {

    /** Resources listed per Application; the count covers every one. */
    public static final int MAX_ATTENTION = 50;

    public Application {
      attention = List.copyOf(attention);
    }
  }

  /** One resource of an Application that is not synced or not healthy. */
  public record Resource(String object, Sync sync, Health health) {}
}
