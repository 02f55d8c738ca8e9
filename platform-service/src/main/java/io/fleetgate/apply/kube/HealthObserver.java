package io.fleetgate.apply.kube;

import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.health.Health;
import io.fleetgate.health.HealthCheck;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads back objects of the observed kinds after a sync and judges their health. */
final class HealthObserver {

  private final ClusterApi api;

  HealthObserver(ClusterApi api) {
    this.api = api;
  }

  /**
   * Reads back the objects of observed kinds that the sync left in place and judges their health.
   */
  List<ApplyReport.ObjectHealth> observe(List<ObjectResult> results) {
    List<ObjectResult> observed =
        results.stream()
            .filter(r -> r.present() && HealthCheck.observed(r.ref().group(), r.ref().kind()))
            .toList();
    // Read back side by side, in the results' order, as many at once as the writer applies.
    java.util.concurrent.Semaphore inFlight =
        new java.util.concurrent.Semaphore(ServerSideApplyWriter.PARALLELISM);
    List<java.util.concurrent.Future<Optional<ApplyReport.ObjectHealth>>> reads =
        new ArrayList<>(observed.size());
    try (var readers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (ObjectResult result : observed) {
        reads.add(
            readers.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    return read(result);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      List<ApplyReport.ObjectHealth> health = new ArrayList<>(observed.size());
      for (var read : reads) {
        read.get().ifPresent(health::add);
      }
      return health;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeException("Interrupted while reading back objects' health", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new KubeException("Reading back objects' health failed: " + e.getCause(), e);
    }
  }

  /** One object's health as the cluster holds it; empty when it is gone. */
  private Optional<ApplyReport.ObjectHealth> read(ObjectResult result) {
    try {
      return api.get(
              versionOf(result.ref()),
              result.ref().namespace().isEmpty() ? null : result.ref().namespace(),
              result.ref().name())
          .map(
              live ->
                  new ApplyReport.ObjectHealth(
                      result.ref(), result.source(), HealthCheck.of(live.json())));
    } catch (KubeException e) {
      return Optional.of(
          new ApplyReport.ObjectHealth(
              result.ref(), result.source(), new Health(Health.Status.UNKNOWN, e.getMessage())));
    }
  }

  /** The API version to read an observed kind with. */
  private static GroupVersionKind versionOf(ObjectRef ref) {
    return switch (ref.group()) {
      case "apps" -> new GroupVersionKind("apps", "v1", ref.kind());
      case "batch" -> new GroupVersionKind("batch", "v1", ref.kind());
      case "apiextensions.k8s.io" -> new GroupVersionKind("apiextensions.k8s.io", "v1", ref.kind());
      default -> new GroupVersionKind(ref.group(), "v1", ref.kind());
    };
  }

  /**
   * The latest Warning events of the cluster (at most 500), read before or while the objects are
   * written so that reading them costs the sync no time of its own; empty when the cluster will not
   * list them (events are a help, not a requirement).
   */
  List<KubeObject> warningEvents() {
    try {
      return api.list(new GroupVersionKind("", "v1", "Event"), "type=Warning", 500);
    } catch (KubeException e) {
      return List.of();
    }
  }

  /** The Warning events among {@code events} about the synced objects. */
  static List<ApplyReport.ObjectEvent> about(List<ObjectResult> results, List<KubeObject> events) {
    java.util.Map<String, ObjectRef> synced = new java.util.HashMap<>();
    for (ObjectResult result : results) {
      synced.put(
          result.ref().kind() + "/" + result.ref().namespace() + "/" + result.ref().name(),
          result.ref());
    }
    List<ApplyReport.ObjectEvent> found = new ArrayList<>();
    for (var event : events) {
      String kind = event.text("involvedObject", "kind").orElse("");
      String namespace = event.text("involvedObject", "namespace").orElse("");
      String name = event.text("involvedObject", "name").orElse("");
      ObjectRef ref = synced.get(kind + "/" + namespace + "/" + name);
      if (ref != null) {
        found.add(
            new ApplyReport.ObjectEvent(
                ref,
                event.text("reason").orElse(""),
                event.text("message").orElse(""),
                event.text("count").map(HealthObserver::count).orElse(1)));
      }
    }
    return found;
  }

  private static int count(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
