package io.fleetgate.sync;

import io.fleetgate.apply.ApplyReport;

/**
 * Reads back the health of what was applied and the Warning events about it, then says how the sync
 * ended: rejected objects, denied bundles, or synced.
 */
final class ObservePhase implements Phase {

  @Override
  public String name() {
    return "observe";
  }

  @Override
  public void run(ClusterScope scope) {
    if (scope.recording()) {
      scope.observation = scope.writer.observe(scope.results);
    }
    ApplyReport report = new ApplyReport(scope.results, scope.observation);
    if (!report.failures().isEmpty()) {
      scope.end(ClusterOutcome.rejected(scope.target(), report, scope.gate));
    } else if (!scope.gate.deniedBundles().isEmpty()) {
      scope.end(
          ClusterOutcome.denied(scope.target(), scope.gate.deniedBundles(), scope.gate, report));
    } else {
      scope.end(ClusterOutcome.synced(scope.target(), report, scope.gate));
    }
  }
}
