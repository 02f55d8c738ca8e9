package io.fleetgate.patch.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.patch.FieldBound;
import io.fleetgate.patch.NodeListing;
import io.fleetgate.patch.NodePatchLevel;
import io.fleetgate.sandbox.NodeImage;
import io.fleetgate.sandbox.NodeSimulator;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Reading a real API server's nodes page by page, within the bounds set. */
@SandboxFleetTest(dedicated = true, clusters = 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubeNodeSourceIT {

  private static final NodeImage IMAGE = NodeImage.current("v1.34.4");
  private static final KubeClients CLIENTS = new KubeClients(KubeconfigPolicy.strict());

  @Test
  @Order(1)
  void followsEveryPageOfTheList(SandboxFleetHandle sandbox) {
    new NodeSimulator(sandbox::cluster).seed("beijing-prod", 5, IMAGE);

    NodeListing listing = new KubeNodeSource(CLIENTS, 2, 1 << 20, 100).read(beijing(sandbox));

    assertThat(listing).isInstanceOf(NodeListing.Listed.class);
    assertThat(((NodeListing.Listed) listing).nodes())
        .extracting(NodePatchLevel::node)
        .containsExactly(
            "beijing-prod-worker-1",
            "beijing-prod-worker-2",
            "beijing-prod-worker-3",
            "beijing-prod-worker-4",
            "beijing-prod-worker-5");
    NodePatchLevel first = ((NodeListing.Listed) listing).nodes().getFirst();
    assertThat(first.readySince()).as("the Ready condition's lastTransitionTime").isPresent();
    assertThat(first)
        .usingRecursiveComparison()
        .ignoringFields("readySince")
        .isEqualTo(
            new NodePatchLevel(
                "fleet/beijing-prod",
                "beijing-prod-worker-1",
                "v1.34.4",
                NodeImage.KERNEL,
                NodeImage.OS_IMAGE,
                NodeImage.RUNTIME,
                io.fleetgate.patch.NodeReadiness.READY,
                true));
  }

  @Test
  @Order(2)
  void aClusterWithMoreNodesThanTheBoundIsNotCountedAsFewer(SandboxFleetHandle sandbox) {
    NodeListing listing = new KubeNodeSource(CLIENTS, 2, 1 << 20, 3).read(beijing(sandbox));

    assertThat(listing)
        .isEqualTo(
            NodeListing.unreachable(
                "fleet/beijing-prod", "it has more than 3 nodes, more than Fleetgate reads"));
  }

  @Test
  @Order(3)
  void aPageLargerThanTheByteBoundIsRefusedBeforeItIsParsed(SandboxFleetHandle sandbox) {
    String huge = "x".repeat(200_000);
    new NodeSimulator(sandbox::cluster)
        .addNode(
            "beijing-prod",
            "beijing-prod-huge",
            new NodeImage("v1.34.4", NodeImage.KERNEL, huge, NodeImage.RUNTIME));

    NodeListing bounded = new KubeNodeSource(CLIENTS, 250, 64 << 10, 100).read(beijing(sandbox));
    NodeListing defaults = new KubeNodeSource(CLIENTS).read(beijing(sandbox));

    assertThat(bounded).isInstanceOf(NodeListing.Unreachable.class);
    assertThat(((NodeListing.Unreachable) bounded).reason())
        .contains("one page of 250 objects is larger than 65536 bytes");
    assertThat(((NodeListing.Listed) defaults).nodes())
        .filteredOn(n -> n.node().equals("beijing-prod-huge"))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.osImage()).hasSize(FieldBound.MAX_CODE_POINTS).endsWith("x…");
            });
  }

  private static ClusterAccess beijing(SandboxFleetHandle sandbox) {
    return new CapiClusterDirectory(sandbox.management()).discover().clusters().getFirst();
  }
}
