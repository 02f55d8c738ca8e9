package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The upgrade player against a real sandbox fleet: the topology {@code sandbox up} declares, the
 * nodes seeded from it, and the player moving one cluster's nodes when its topology is changed
 * through the management API as the rollout executor changes it (server-side apply as {@value
 * #ROLLOUT_MANAGER}, forced). The methods build on each other, in order.
 */
@SandboxFleetTest(dedicated = true, clusters = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradePlayerIT {

  private static final String ROLLOUT_MANAGER = "fleetgate-rollout";
  private static final GroupVersionKind NODE = GroupVersionKind.of("v1", "Node");
  private static final String BEIJING = "beijing-prod";
  private static final String GUANGZHOU = "guangzhou-prod";
  private static final String AWS = "aws-cn-north-1-prod";
  private static final Duration FAST = Duration.ofMillis(100);
  private static final Duration SLOW = Duration.ofMillis(1500);
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private final List<PlayerEvent> events = new CopyOnWriteArrayList<>();

  @Test
  @Order(1)
  void eachClusterDeclaresTheImageItsNodesAreSeededAt(SandboxFleetHandle sandbox) {
    String version = sandbox.cluster(BEIJING).serverVersion();

    List<NodeSeeding.Seeded> seeded =
        new NodeSeeding(sandbox.fleet()::api).seed(sandbox.workloadClusters(), 3);

    assertThat(seeded).allSatisfy(s -> assertThat(s.created()).hasSize(3));
    for (NodeSeeding.Seeded s : seeded) {
      assertThat(topology(sandbox, s.cluster()).desired())
          .as("the topology of %s", s.cluster())
          .isEqualTo(
              new PatchTarget(
                  s.image().kubeletVersion(), s.image().kernelVersion(), s.image().osImage()));
      assertThat(nodes(sandbox, s.cluster()))
          .extracting(SimulatedNode::image)
          .containsOnly(s.image());
    }
    assertThat(topology(sandbox, GUANGZHOU).desired())
        .as("one cluster a patch and a kernel behind")
        .isEqualTo(
            new PatchTarget(
                NodeImage.oneBehind(version).kubeletVersion(),
                "6.8.0-49-generic",
                "Ubuntu 24.04.1 LTS"));
    assertThat(topology(sandbox, BEIJING).desired().kubernetesVersion()).isEqualTo(version);
    assertThat(topologyManagers(sandbox, BEIJING))
        .as("the topology is an Update operation's, as kubectl create leaves it")
        .containsExactly("fleetgate-sandbox/Update");
  }

  @Test
  @Order(2)
  void changingOneClustersTopologyUpgradesItsNodesAndOnlyThose(SandboxFleetHandle sandbox)
      throws Exception {
    Map<String, String> othersBefore = resourceVersions(sandbox, GUANGZHOU, AWS);
    try (UpgradePlayer player = player(sandbox, FAST)) {
      Thread.sleep(1_000);
      assertThat(events).as("nodes as declared: nothing to walk").noneMatch(this::walkStarted);

      declare(sandbox, BEIJING, "v1.34.9", "6.8.0-52-generic");

      await(
          () -> allAt(sandbox, BEIJING, new PatchTarget("v1.34.9", "6.8.0-52-generic", null)),
          "beijing's nodes at v1.34.9 and kernel 6.8.0-52-generic");
    }
    assertThat(nodes(sandbox, BEIJING))
        .allSatisfy(
            n -> {
              assertThat(n.ready()).isTrue();
              assertThat(n.drained()).isFalse();
              assertThat(n.image().osImage()).isEqualTo(NodeImage.OS_IMAGE);
            });
    assertThat(uncordoned(sandbox, BEIJING)).isTrue();
    assertThat(resourceVersions(sandbox, GUANGZHOU, AWS))
        .as("no other cluster's node written")
        .isEqualTo(othersBefore);
    assertThat(events)
        .filteredOn(PlayerEvent.WalkEnded.class::isInstance)
        .singleElement()
        .satisfies(
            e -> {
              PlayerEvent.WalkEnded ended = (PlayerEvent.WalkEnded) e;
              assertThat(ended.cluster()).isEqualTo(BEIJING);
              assertThat(ended.outcome()).isInstanceOf(UpgradeOutcome.Completed.class);
              assertThat(ended.outcome().upgraded()).hasSize(3);
              assertThat(ended.line())
                  .startsWith("Walk finished: beijing-prod at kubernetes v1.34.9");
            });
  }

  @Test
  @Order(3)
  void changingItBackDuringTheWalkRestoresTheNodes(SandboxFleetHandle sandbox) throws Exception {
    String version = sandbox.cluster(BEIJING).serverVersion();
    try (UpgradePlayer player = player(sandbox, SLOW)) {
      declare(sandbox, BEIJING, "v1.34.10", "6.8.0-53-generic");
      await(
          () ->
              nodes(sandbox, BEIJING).stream()
                  .anyMatch(n -> n.at(new PatchTarget("v1.34.10", "6.8.0-53-generic", null))),
          "a first beijing node at v1.34.10");

      declare(sandbox, BEIJING, version, NodeImage.KERNEL);

      await(
          () -> allAt(sandbox, BEIJING, new PatchTarget(version, NodeImage.KERNEL, null)),
          "beijing's nodes back at " + version);
    }
    assertThat(uncordoned(sandbox, BEIJING)).isTrue();
    List<PlayerEvent.WalkEnded> ended =
        events.stream()
            .filter(PlayerEvent.WalkEnded.class::isInstance)
            .map(PlayerEvent.WalkEnded.class::cast)
            .toList();
    assertThat(ended).hasSize(2);
    assertThat(ended.get(0).outcome())
        .as("the walk to v1.34.10 called off when the cluster declared its old version again")
        .isInstanceOf(UpgradeOutcome.Stopped.class);
    assertThat(ended.get(0).outcome().upgraded()).hasSizeLessThan(3);
    assertThat(ended.get(1).target().kubernetesVersion()).isEqualTo(version);
    assertThat(ended.get(1).outcome()).isInstanceOf(UpgradeOutcome.Completed.class);
  }

  @Test
  @Order(4)
  void upgradesAsManyNodesAtOnceAsMaxUnavailableAllows(SandboxFleetHandle sandbox)
      throws Exception {
    String version = sandbox.cluster(GUANGZHOU).serverVersion();
    PatchTarget target = new PatchTarget(version, NodeImage.KERNEL, null);
    int mostNotReady = 0;
    try (UpgradePlayer player = player(sandbox, SLOW)) {
      Map<String, Object> topology = topologyPatch(version, NodeImage.KERNEL);
      topology.put(
          "workers",
          Map.of(
              "machineDeployments",
              List.of(
                  Map.of(
                      "name", "workers",
                      "class", "default-worker",
                      "rollout",
                          Map.of(
                              "strategy",
                              Map.of(
                                  "type",
                                  "RollingUpdate",
                                  "rollingUpdate",
                                  Map.of("maxUnavailable", 2)))))));
      rollout(sandbox, GUANGZHOU, topology);
      long deadline = System.nanoTime() + WITHIN.toNanos();
      while (!allAt(sandbox, GUANGZHOU, target) && System.nanoTime() < deadline) {
        mostNotReady =
            Math.max(
                mostNotReady,
                (int) nodes(sandbox, GUANGZHOU).stream().filter(n -> !n.ready()).count());
        Thread.sleep(50);
      }
    }
    assertThat(allAt(sandbox, GUANGZHOU, target)).as("guangzhou's nodes upgraded").isTrue();
    assertThat(mostNotReady).as("two nodes rebooting together, never three").isEqualTo(2);
    assertThat(events)
        .filteredOn(PlayerEvent.WalkStarted.class::isInstance)
        .singleElement()
        .satisfies(e -> assertThat(((PlayerEvent.WalkStarted) e).nodesAtOnce()).isEqualTo(2));
  }

  @Test
  @Order(5)
  void aNodeThatNeverComesBackHaltsItsWalkAndIsLeftNotReadyAndCordoned(SandboxFleetHandle sandbox)
      throws Exception {
    String version = sandbox.cluster(AWS).serverVersion();
    String stuck = AWS + "-worker-2";
    try (UpgradePlayer player = player(sandbox, FAST)) {
      player.inject(InjectedFailure.neverReady(stuck));
      declare(sandbox, AWS, version, "6.8.0-52-generic");
      await(
          () -> events.stream().anyMatch(e -> e instanceof PlayerEvent.WalkEnded), "the walk ends");
      Thread.sleep(1_000);

      assertThat(events.stream().filter(this::walkStarted).count())
          .as("a halted walk is not started again for the same image")
          .isEqualTo(1);
      assertThat(events)
          .filteredOn(PlayerEvent.WalkEnded.class::isInstance)
          .singleElement()
          .satisfies(
              e ->
                  assertThat(((PlayerEvent.WalkEnded) e).outcome())
                      .isEqualTo(
                          new UpgradeOutcome.Halted(
                              List.of(AWS + "-worker-1"),
                              stuck,
                              "node " + stuck + " did not come back Ready after its reboot")));
      Map<String, SimulatedNode> byName = new HashMap<>();
      nodes(sandbox, AWS).forEach(n -> byName.put(n.name(), n));
      assertThat(byName.get(AWS + "-worker-1").at(new PatchTarget(null, "6.8.0-52-generic", null)))
          .isTrue();
      assertThat(byName.get(stuck).ready()).isFalse();
      assertThat(byName.get(stuck).image().kernelVersion()).isEqualTo("6.8.0-52-generic");
      assertThat(node(sandbox, AWS, stuck).text("spec", "unschedulable")).contains("true");
      assertThat(byName.get(AWS + "-worker-3").image().kernelVersion())
          .as("the node after it untouched")
          .isEqualTo(NodeImage.KERNEL);

      player.inject(InjectedFailure.none());
      declare(sandbox, AWS, version, NodeImage.KERNEL);
      await(
          () -> allAt(sandbox, AWS, new PatchTarget(version, NodeImage.KERNEL, null)),
          "aws rolled back, its stuck node back too");
    }
    assertThat(uncordoned(sandbox, AWS)).isTrue();
  }

  @Test
  @Order(6)
  void sandboxUpAgainKeepsEveryClustersTopology(SandboxFleetHandle sandbox) {
    String version = sandbox.cluster(GUANGZHOU).serverVersion();
    ClusterTopology before = topology(sandbox, GUANGZHOU);

    sandbox.fleet().up(3, line -> {});

    assertThat(topology(sandbox, GUANGZHOU))
        .as("guangzhou keeps what the rollout declared, not the version it started with")
        .isEqualTo(before)
        .isEqualTo(
            new ClusterTopology(
                new PatchTarget(version, NodeImage.KERNEL, NodeImage.OS_IMAGE), 2, List.of()));
    assertThat(topologyManagers(sandbox, GUANGZHOU))
        .containsExactlyInAnyOrder("fleetgate-sandbox/Update", ROLLOUT_MANAGER + "/Apply");
    assertThat(allAt(sandbox, GUANGZHOU, before.desired())).isTrue();
  }

  @Test
  @Order(7)
  void aClusterThatCannotBeReadIsRetriedUntilItCanAndThenWalked(SandboxFleetHandle sandbox)
      throws Exception {
    String version = sandbox.cluster(GUANGZHOU).serverVersion();
    String behind = NodeImage.oneBehind(version).kubeletVersion();
    try (UpgradePlayer player = player(sandbox, FAST)) {
      sandbox.fleet().stopMember(GUANGZHOU);
      declare(sandbox, GUANGZHOU, behind, "6.8.0-49-generic");
      await(
          () ->
              events.stream()
                  .anyMatch(
                      e -> e instanceof PlayerEvent.Unreadable u && u.cluster().equals(GUANGZHOU)),
          "guangzhou reported unreadable");

      sandbox.fleet().up(3, line -> {});

      await(
          () -> allAt(sandbox, GUANGZHOU, new PatchTarget(behind, "6.8.0-49-generic", null)),
          "guangzhou walked once it answers again");
    }
    List<String> reasons =
        events.stream()
            .filter(e -> e instanceof PlayerEvent.Unreadable u && u.cluster().equals(GUANGZHOU))
            .map(e -> ((PlayerEvent.Unreadable) e).reason())
            .toList();
    assertThat(reasons).isNotEmpty();
    for (int i = 1; i < reasons.size(); i++) {
      assertThat(reasons.get(i))
          .as("said once until the reason changes, not at every poll: %s", reasons)
          .isNotEqualTo(reasons.get(i - 1));
    }
    assertThat(events).anyMatch(e -> e.equals(new PlayerEvent.Readable(GUANGZHOU)));
  }

  /**
   * A Cluster named as the sandbox's management member would reach the management cluster's own
   * client; the player must never walk nodes there.
   */
  @Test
  @Order(8)
  void neverWalksTheManagementClustersNodes(SandboxFleetHandle sandbox) throws Exception {
    String node = "management-node-1";
    new NodeSimulator(sandbox.fleet()::api)
        .addNode(SandboxLayout.MANAGEMENT, node, NodeImage.current("v1.34.4"));
    sandbox
        .management()
        .create(
            "kubectl-create",
            Map.of(
                "apiVersion",
                "cluster.x-k8s.io/v1beta2",
                "kind",
                "Cluster",
                "metadata",
                Map.of("name", SandboxLayout.MANAGEMENT, "namespace", "fleet"),
                "spec",
                Map.of(
                    "topology",
                    Map.of("classRef", Map.of("name", "sandbox"), "version", "v1.34.9"))));
    String before =
        sandbox
            .management()
            .get(NODE, null, node)
            .orElseThrow()
            .text("metadata", "resourceVersion")
            .orElseThrow();

    try (UpgradePlayer player = player(sandbox, FAST)) {
      Thread.sleep(1_500);
    }

    assertThat(events).noneMatch(this::walkStarted);
    assertThat(
            sandbox
                .management()
                .get(NODE, null, node)
                .orElseThrow()
                .text("metadata", "resourceVersion"))
        .contains(before);
  }

  private UpgradePlayer player(SandboxFleetHandle sandbox, Duration perNode) {
    events.clear();
    return new UpgradePlayer(
            sandbox.fleet()::api,
            new UpgradePlayer.Settings(Duration.ofMillis(100), perNode, InjectedFailure.none()),
            event -> {
              System.out.println("upgrade player: " + event.line());
              events.add(event);
            })
        .start();
  }

  /** What the rollout executor does: server-side apply of the version and the kernel, forced. */
  private static void declare(
      SandboxFleetHandle sandbox, String cluster, String version, String kernel) {
    rollout(sandbox, cluster, topologyPatch(version, kernel));
  }

  private static Map<String, Object> topologyPatch(String version, String kernel) {
    Map<String, Object> topology = new LinkedHashMap<>();
    topology.put("version", version);
    topology.put("variables", List.of(Map.of("name", "nodeKernelVersion", "value", kernel)));
    return topology;
  }

  private static void rollout(
      SandboxFleetHandle sandbox, String cluster, Map<String, Object> topology) {
    sandbox
        .management()
        .applyAs(
            ROLLOUT_MANAGER,
            Map.of(
                "apiVersion",
                "cluster.x-k8s.io/v1beta2",
                "kind",
                "Cluster",
                "metadata",
                Map.of("name", cluster, "namespace", "fleet"),
                "spec",
                Map.of("topology", topology)));
  }

  private static ClusterTopology topology(SandboxFleetHandle sandbox, String cluster) {
    return ClusterTopology.of(
            sandbox.management().get(CapiClusterDirectory.CLUSTER, "fleet", cluster).orElseThrow())
        .orElseThrow();
  }

  /** "manager/operation" of every managedFields entry that owns part of spec.topology. */
  private static List<String> topologyManagers(SandboxFleetHandle sandbox, String cluster) {
    KubeObject object =
        sandbox.management().get(CapiClusterDirectory.CLUSTER, "fleet", cluster).orElseThrow();
    List<String> owners = new ArrayList<>();
    for (JsonElement entry :
        object.at("metadata", "managedFields").orElseThrow().getAsJsonArray()) {
      KubeObject fields = new KubeObject(entry.getAsJsonObject());
      if (fields.at("fieldsV1", "f:spec", "f:topology").isPresent()) {
        owners.add(fields.text("manager").orElse("") + "/" + fields.text("operation").orElse(""));
      }
    }
    return owners;
  }

  private static List<SimulatedNode> nodes(SandboxFleetHandle sandbox, String cluster) {
    return new NodeSimulator(sandbox::cluster).nodes(cluster);
  }

  private static KubeObject node(SandboxFleetHandle sandbox, String cluster, String name) {
    return sandbox.cluster(cluster).get(NODE, null, name).orElseThrow();
  }

  private static boolean allAt(SandboxFleetHandle sandbox, String cluster, PatchTarget target) {
    List<SimulatedNode> nodes = nodes(sandbox, cluster);
    return nodes.size() == 3 && nodes.stream().allMatch(n -> n.at(target));
  }

  private static boolean uncordoned(SandboxFleetHandle sandbox, String cluster) {
    ClusterApi api = sandbox.cluster(cluster);
    return api.list(NODE).stream()
        .noneMatch(n -> n.text("spec", "unschedulable").equals(java.util.Optional.of("true")));
  }

  private static Map<String, String> resourceVersions(
      SandboxFleetHandle sandbox, String... clusters) {
    Map<String, String> versions = new HashMap<>();
    for (String cluster : clusters) {
      for (KubeObject node : sandbox.cluster(cluster).list(NODE)) {
        versions.put(node.name(), node.text("metadata", "resourceVersion").orElseThrow());
      }
    }
    return versions;
  }

  private boolean walkStarted(PlayerEvent event) {
    return event instanceof PlayerEvent.WalkStarted;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WITHIN.toSeconds() + " s: " + what);
      }
      Thread.sleep(50);
    }
  }
}
