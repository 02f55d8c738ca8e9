package io.fleetgate.report;

import io.fleetgate.patch.PatchMatrix;
import io.fleetgate.report.patch.MatrixPart;
import io.fleetgate.report.patch.PatchSection;
import io.fleetgate.report.patch.RolloutHistories;

/** The patch section of a report in scope: the rollouts' rows read, the matrix kept to scope. */
final class PatchEvidence {

  private PatchEvidence() {}

  static PatchSection.Included of(
      AuditHistory history, ComplianceReport.Scope scope, MatrixPart matrix) {
    RolloutHistories histories = new RolloutHistories();
    history.rolloutRecords(
        scope.from(),
        scope.to(),
        row -> {
          // A cluster report keeps the rollouts' own rows and those of its cluster.
          if (scope.cluster() == null
              || row.cluster().isEmpty()
              || sameCluster(row.cluster(), scope.cluster())) {
            histories.accept(row);
          }
        });
    return new PatchSection.Included(inScope(matrix, scope.cluster()), histories.histories());
  }

  private static MatrixPart inScope(MatrixPart matrix, String cluster) {
    if (cluster == null || !(matrix instanceof MatrixPart.Read read)) {
      return matrix;
    }
    PatchMatrix all = read.matrix();
    return new MatrixPart.Read(
        new PatchMatrix(
            all.target(),
            all.clusters().stream().filter(c -> sameCluster(c.cluster(), cluster)).toList(),
            all.notRead()),
        read.targetSource(),
        read.at());
  }

  /** Rollouts and the matrix name clusters {@code namespace/name}; a scope may give either. */
  private static boolean sameCluster(String named, String cluster) {
    return named.equals(cluster) || named.endsWith("/" + cluster);
  }
}
