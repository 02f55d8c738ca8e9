package io.fleetgate.console.fleet;

import io.fleetgate.api.ArgoCdStatus;
import java.util.List;

/**
 * One cluster's objects — their planned change against Git and their health — and its events; and,
 * on a platform that syncs through Argo CD, Argo CD's view of the cluster's Applications.
 */
@FunctionalInterface
public interface ClusterSource {

  Detail detail(String cluster);

  /** Argo CD's sync status and health of the cluster's Applications, read now. */
  default ArgoCdStatus.Report argoCd(String cluster) {
    return ArgoCdStatus.Report.notDriven(cluster);
  }

  /**
   * @param change what a sync would do now: create, update, unchanged, prune, keep_protected,
   *     invalid, denied
   * @param health HEALTHY, PROGRESSING, DEGRADED, UNKNOWN, or "" when not synced yet
   * @param diff the live-to-Git differences (updates) or the policy findings (denied)
   */
  record ObjectRow(
      String object,
      String bundle,
      String source,
      String change,
      String health,
      String healthMessage,
      List<String> diff) {}

  record EventRow(String object, String reason, String message, int count) {}

  /**
   * @param problem why the objects could not be compared, or ""
   */
  record Detail(String cluster, String problem, List<ObjectRow> objects, List<EventRow> events) {
    public Detail {
      objects = List.copyOf(objects);
      events = List.copyOf(events);
    }
  }
}
