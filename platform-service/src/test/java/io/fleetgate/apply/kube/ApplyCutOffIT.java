package io.fleetgate.apply.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.Executed;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.plan.DesiredObject;
import io.fleetgate.plan.Step;
import io.fleetgate.plan.SyncPlan;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An apply cut off mid-rank on a real kube-apiserver — the reconcile thread interrupted and the
 * cluster's client closed, as a reconcile deadline does — writes nothing after the cut, and every
 * object it wrote reached the sink that records the inventory and the audit log.
 */
@SandboxFleetTest
class ApplyCutOffIT {

  private static final GroupVersionKind CONFIG_MAP = new GroupVersionKind("", "v1", "ConfigMap");
  private static final int OBJECTS = 3_000;

  @Test
  @Timeout(300)
  void aCutApplyWritesNothingAfterTheCutAndLeavesNoWriteUnrecorded(SandboxFleetHandle sandbox)
      throws Exception {
    String cluster = sandbox.workloadClusters().get(0);
    ClusterApi admin = sandbox.cluster(cluster);
    String namespace = sandbox.freshNamespace(admin, "cutoff");
    // The writer's own client, the one the cut closes.
    ClusterApi api = sandbox.fleet().api(cluster);
    ClusterWriter writer = KubeClusterWriters.over(api, cluster);

    ConcurrentLinkedQueue<Executed> recorded = new ConcurrentLinkedQueue<>();
    CountDownLatch firstBatch = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> ended = new ConcurrentLinkedQueue<>();
    Thread reconcile =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    writer.execute(
                        plan(namespace),
                        batch -> {
                          recorded.addAll(batch);
                          firstBatch.countDown();
                        });
                  } catch (RuntimeException e) {
                    ended.add(e);
                  }
                });
    assertThat(firstBatch.await(120, TimeUnit.SECONDS)).as("a first batch was written").isTrue();

    // The cut, as ClusterRuns makes it at the reconcile deadline.
    reconcile.interrupt();
    api.close();
    assertThat(reconcile.join(Duration.ofSeconds(30))).as("the apply ended after the cut").isTrue();
    assertThat(ended).as("the cut apply fails rather than returning").hasSize(1);

    Set<String> heldAtEnd = held(admin, namespace);
    Thread.sleep(3_000);
    Set<String> heldLater = held(admin, namespace);
    assertThat(heldLater).as("nothing is written after the apply ended").isEqualTo(heldAtEnd);
    assertThat(heldLater.size()).as("the cut landed mid-apply").isLessThan(OBJECTS);

    Set<String> applied =
        recorded.stream()
            .map(Executed::result)
            .filter(r -> r.action() == ObjectResult.Action.APPLIED)
            .map(r -> r.ref().name())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(heldLater)
        .as("every object written is recorded as applied, and every one recorded is there")
        .isEqualTo(applied);

    assertThatThrownBy(api::serverVersion)
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("closed");
  }

  private static Set<String> held(ClusterApi admin, String namespace) {
    return admin.list(CONFIG_MAP).stream()
        .filter(o -> namespace.equals(o.namespace()))
        .map(KubeObject::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** One rank of ConfigMaps, all to be created. */
  private static SyncPlan plan(String namespace) {
    List<Step> steps = new ArrayList<>(OBJECTS);
    for (int i = 0; i < OBJECTS; i++) {
      String name = String.format("cut-%04d", i);
      Map<String, Object> content =
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              "ConfigMap",
              "metadata",
              Map.of("name", name, "namespace", namespace),
              "data",
              Map.of("index", Integer.toString(i)));
      steps.add(
          new Step.Apply(
              new DesiredObject(
                  new ObjectRef("", "ConfigMap", namespace, name),
                  "cutoff",
                  "v1",
                  content,
                  "hash-" + i,
                  "cutoff/" + name + ".yaml:1"),
              true,
              true));
    }
    return new SyncPlan(steps, Optional.empty());
  }
}
