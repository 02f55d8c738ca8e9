package io.fleetgate.openreports;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.policy.GateResult;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.LiveReports;

/** Whether, and how, a sync leaves its policy decisions in each cluster as OpenReports. */
public final class ReportPublishing {

  private final ReportPublisher publisher;
  private final PolicyCatalog catalog;

  private ReportPublishing(ReportPublisher publisher, PolicyCatalog catalog) {
    this.publisher = publisher;
    this.catalog = catalog;
  }

  public static ReportPublishing off() {
    return new ReportPublishing(null, null);
  }

  public static ReportPublishing to(ReportPublisher publisher, PolicyCatalog catalog) {
    return new ReportPublishing(publisher, catalog);
  }

  /** After a cluster's objects were judged at a commit; never throws. */
  public ReportPublisher.Publication after(ClusterAccess access, String commit, GateResult gate) {
    if (publisher == null) {
      return new ReportPublisher.Publication.Skipped("publishing is off");
    }
    return publisher.publish(
        access, () -> LiveReports.of(access.target().name(), commit, gate, catalog));
  }
}
