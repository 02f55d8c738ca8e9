package io.fleetgate.testing;

import io.fleetgate.kube.ClusterApi;
import java.util.List;

/** Installs the OpenReports CRDs that bin/setup fetched into a cluster, and waits until served. */
public final class OpenReportsCrds {

  private OpenReportsCrds() {}

  public static void install(ClusterApi cluster) throws Exception {
    Crds.install(
        cluster,
        "openreports-crds",
        List.of("reports.openreports.io", "clusterreports.openreports.io"));
  }
}
