package io.fleetgate.app;

import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.kube.KubeException;
import io.fleetgate.patch.MatrixFilter;
import io.fleetgate.patch.NodeSource;
import io.fleetgate.patch.PatchMatrix;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.patch.kube.FleetNodes;
import io.fleetgate.report.patch.MatrixPart;
import io.fleetgate.report.patch.MatrixReader;
import java.time.Clock;

/**
 * Reads the fleet's patch matrix for a report from the management cluster's CAPI Clusters and each
 * workload cluster's nodes. A management cluster that cannot be read makes the matrix {@link
 * MatrixPart.NotRead} with the first line of the reason, never an empty fleet; a workload cluster
 * that cannot be read is unreachable in the matrix.
 *
 * @param targetSource where the target came from, for the report to say
 */
public record FleetMatrixReader(
    ClusterDirectory directory,
    NodeSource nodes,
    PatchTarget target,
    String targetSource,
    Clock clock)
    implements MatrixReader {

  @Override
  public MatrixPart read() {
    var at = clock.instant();
    FleetNodes fleet;
    try {
      fleet = FleetNodes.read(directory, nodes);
    } catch (KubeException e) {
      return new MatrixPart.NotRead(
          "the management cluster could not be read ("
              + e.getMessage().lines().findFirst().orElse("no reason given")
              + "); is it up, and is its kubeconfig current?");
    }
    return new MatrixPart.Read(
        PatchMatrix.of(fleet.listings(), target, fleet.notRead()).filter(MatrixFilter.ALL),
        target.names() ? targetSource : "none",
        at);
  }
}
