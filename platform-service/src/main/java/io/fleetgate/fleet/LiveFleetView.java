package io.fleetgate.fleet;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.FleetSnapshot;
import io.fleetgate.api.FleetView;
import io.fleetgate.cluster.ClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterTarget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds fleet snapshots from a {@link ClusterDirectory}, probing every cluster concurrently (one
 * virtual thread each) so that one slow or dead cluster does not delay the others.
 */
public final class LiveFleetView implements FleetView {

  private final ClusterDirectory directory;
  private final ClusterProbe probe;
  private final Clock clock;

  public LiveFleetView(ClusterDirectory directory, ClusterProbe probe, Clock clock) {
    this.directory = directory;
    this.probe = probe;
    this.clock = clock;
  }

  @Override
  public FleetSnapshot snapshot() {
    ClusterDirectory.Discovery discovery = directory.discover();
    List<ClusterSummary> clusters = new ArrayList<>();
    try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<ClusterSummary>> pending = new ArrayList<>();
      for (ClusterAccess access : discovery.clusters()) {
        pending.add(probes.submit(() -> summarise(access)));
      }
      for (Future<ClusterSummary> summary : pending) {
        clusters.add(summary.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while probing the fleet", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Probing the fleet failed: " + e.getCause().getMessage(), e.getCause());
    }
    clusters.sort(
        Comparator.comparing(ClusterSummary::provider)
            .thenComparing(ClusterSummary::region)
            .thenComparing(ClusterSummary::name));
    return new FleetSnapshot(clock.instant(), clusters, discovery.problems());
  }

  private ClusterSummary summarise(ClusterAccess access) {
    ClusterTarget target = access.target();
    ClusterProbe.Result result = probe.probe(access);
    return new ClusterSummary(
        target.namespace(),
        target.name(),
        target.label(ClusterTarget.PROVIDER),
        target.label(ClusterTarget.REGION),
        target.label(ClusterTarget.ENV),
        target.label(ClusterTarget.TIER),
        target.phase().display(),
        result.kubernetesVersion().orElse("-"),
        result.reachable(),
        result.problem(),
        target.labels());
  }
}
