package io.fleetgate.openreports;

import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.ClusterConnections;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.report.LiveReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a cluster's live reports with server-side apply (field manager {@value #FIELD_MANAGER})
 * and deletes the ones Fleetgate wrote for namespaces that no longer have objects. Skips the round
 * trips when the reports are the ones it last wrote, and a cluster without the OpenReports CRDs is
 * asked again only after {@link #RECHECK}.
 */
public final class ReportPublisher {

  public static final String FIELD_MANAGER = "fleetgate-reports";
  static final Duration RECHECK = Duration.ofMinutes(5);
  static final GroupVersionKind REPORT =
      new GroupVersionKind("openreports.io", "v1alpha1", "Report");
  static final GroupVersionKind CLUSTER_REPORT =
      new GroupVersionKind("openreports.io", "v1alpha1", "ClusterReport");

  private static final Logger log = LoggerFactory.getLogger(ReportPublisher.class);

  /** What one publication did. */
  public sealed interface Publication {
    /** Reports written and stale ones removed; namespaces that do not exist are skipped. */
    record Published(int written, int removed, List<String> missingNamespaces)
        implements Publication {}

    record Unchanged() implements Publication {}

    /** The cluster cannot hold reports, e.g. it has no OpenReports CRDs. */
    record Skipped(String reason) implements Publication {}
  }

  private final ClusterConnections connections;
  private final Clock clock;
  private final Map<String, Integer> published = new ConcurrentHashMap<>();
  private final Map<String, Instant> withoutCrds = new ConcurrentHashMap<>();

  public ReportPublisher(ClusterConnections connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  /** Publishes; never throws — a failure is logged and returned as skipped. */
  public Publication publish(ClusterAccess access, List<Map<String, Object>> reports) {
    return publish(access, () -> reports);
  }

  /**
   * Publishes the reports, built only when the cluster can hold them; never throws — a failure is
   * logged and returned as skipped.
   */
  public Publication publish(
      ClusterAccess access, java.util.function.Supplier<List<Map<String, Object>>> built) {
    String cluster = access.target().name();
    Instant recheck = withoutCrds.get(cluster);
    if (recheck != null && clock.instant().isBefore(recheck)) {
      return new Publication.Skipped("the cluster has no OpenReports CRDs");
    }
    List<Map<String, Object>> reports = built.get();
    int digest = reports.hashCode();
    if (Integer.valueOf(digest).equals(published.get(cluster))) {
      return new Publication.Unchanged();
    }
    try {
      ClusterApi api = connections.api(access);
      if (!api.serves(REPORT) || !api.serves(CLUSTER_REPORT)) {
        withoutCrds.put(cluster, clock.instant().plus(RECHECK));
        log.info(
            "{} has no OpenReports CRDs (reports.openreports.io); policy reports are not written"
                + " there. Install them to see Fleetgate's findings in the cluster.",
            cluster);
        return new Publication.Skipped("the cluster has no OpenReports CRDs");
      }
      withoutCrds.remove(cluster);
      Publication.Published result = write(api, cluster, reports);
      published.put(cluster, digest);
      return result;
    } catch (KubeException e) {
      published.remove(cluster);
      log.warn("Cannot write policy reports to {}: {}", cluster, e.getMessage());
      return new Publication.Skipped(e.getMessage());
    }
  }

  private static Publication.Published write(
      ClusterApi api, String cluster, List<Map<String, Object>> reports) {
    Set<String> kept = new HashSet<>();
    List<String> missing = new java.util.ArrayList<>();
    int written = 0;
    for (Map<String, Object> report : reports) {
      String namespace = namespaceOf(report);
      try {
        api.applyAs(FIELD_MANAGER, report);
        kept.add(report.get("kind") + "|" + namespace);
        written++;
      } catch (KubeException e) {
        if (e.httpStatus() != 404) {
          throw e;
        }
        missing.add(namespace);
      }
    }
    int removed = 0;
    for (GroupVersionKind kind : List.of(REPORT, CLUSTER_REPORT)) {
      for (KubeObject existing : api.list(kind)) {
        String namespace = existing.namespace() == null ? "" : existing.namespace();
        if (ours(existing, cluster)
            && !kept.contains(kind.kind() + "|" + namespace)
            && api.delete(kind, namespace, existing.name())) {
          removed++;
        }
      }
    }
    return new Publication.Published(written, removed, missing);
  }

  private static boolean ours(KubeObject object, String cluster) {
    return LiveReports.NAME.equals(object.name())
        && object
            .at("metadata", "labels", LiveReports.MANAGED_BY)
            .map(v -> "fleetgate".equals(v.getAsString()))
            .orElse(false);
  }

  @SuppressWarnings("unchecked")
  private static String namespaceOf(Map<String, Object> report) {
    Object namespace = ((Map<String, Object>) report.get("metadata")).get("namespace");
    return namespace == null ? "" : namespace.toString();
  }
}
