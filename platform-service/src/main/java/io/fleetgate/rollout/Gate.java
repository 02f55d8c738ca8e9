package io.fleetgate.rollout;

import java.time.Duration;

/** A condition a wave waits for before it starts, or before it counts as done. */
public sealed interface Gate {

  /** The gate's name in a spec, and in the reasons a held wave gives. */
  String word();

  /**
   * The wave's clusters are healthy: at least this share of their nodes Ready, every synced object
   * healthy.
   */
  record Healthy(int minReadyPercent) implements Gate {
    @Override
    public String word() {
      return "health";
    }
  }

  /** The SLO's burn rate over the window stays at or below the threshold on the wave's clusters. */
  record SloBurn(String slo, double maxBurnRate, String window) implements Gate {
    @Override
    public String word() {
      return "sloBurnRate";
    }
  }

  /** No object of the wave's clusters is denied by policy at the revision being synced. */
  record NoPolicyDenials() implements Gate {
    @Override
    public String word() {
      return "noPolicyDenials";
    }
  }

  /** A member of the group approves the wave (through the API, the CLI or the console). */
  record Approval(String group) implements Gate {
    @Override
    public String word() {
      return "approval";
    }
  }

  /** The wave starts only while a maintenance window of the schedule is open. */
  record InWindow(MaintenanceWindow window) implements Gate {
    @Override
    public String word() {
      return "maintenanceWindow";
    }
  }

  /** How long a finished wave is watched before the next one starts. */
  static String describe(Duration soak) {
    return soak.isZero() ? "no soak" : "soak " + Durations.format(soak);
  }
}
