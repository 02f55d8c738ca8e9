package io.fleetgate.console.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.ui.UiThread;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkViewModelTest {

  private static final String GATEWAY = "payments/payment-gateway[Deployment]";
  private static final String BILLING = "billing/billing-service[Deployment]";

  /** Answers from memory and records what it was asked. */
  private static final class Recorded implements NetworkSource {
    final List<String> asked = new ArrayList<>();
    RuntimeException failure;

    @Override
    public List<String> clusters() {
      return List.of("beijing-prod", "guangzhou-prod");
    }

    @Override
    public List<Revision> revisions() {
      return List.of(
          new Revision("b".repeat(40), "Open the ingress\n\nbody"),
          new Revision("a".repeat(40), ""));
    }

    @Override
    public Picture reachability(String cluster, String revision) {
      asked.add("reachability " + cluster + " " + revision);
      if (failure != null) {
        throw failure;
      }
      return NetworkModels.small();
    }

    @Override
    public Explanation explain(String cluster, String revision, String src, String dst) {
      asked.add("explain " + cluster + " " + revision + " " + src + " " + dst);
      return new Explanation(src, dst, true, "TCP 9443", src + " => " + dst + ": allowed TCP 9443");
    }

    @Override
    public Diff diff(String cluster, String from, String to) {
      asked.add("diff " + cluster + " " + from + " " + to);
      return new Diff(
          from,
          to,
          1,
          0,
          false,
          List.of(new Change(GATEWAY, BILLING, "TCP 9443", "", List.of("r"), List.of())));
    }
  }

  private final Recorded source = new Recorded();
  private final NetworkViewModel model =
      new NetworkViewModel(source, new UiThread(Runnable::run, Runnable::run), 1100);

  @Test
  void refreshChoosesTheFirstClusterAndShowsItsSyncedRevision() {
    model.refresh().join();

    assertThat(model.clusters()).containsExactly("beijing-prod", "guangzhou-prod");
    assertThat(model.revisions()).containsExactly("bbbbbbbbbbbb  Open the ingress", "aaaaaaaaaaaa");
    assertThat(source.asked).containsExactly("reachability beijing-prod null");
    assertThat(model.summaryProperty().get())
        .isEqualTo("beijing-prod at 0123456789ab: 4 workloads, 4 allowed connections, 1 findings");
    assertThat(model.namespaces()).containsExactly("all", "billing", "ingress", "payments");
    assertThat(model.findingKinds()).containsExactly("all", "no-default-deny");
    assertThat(model.shown().edges()).hasSize(4);
  }

  @Test
  void aDiffShowsTheNewRevisionWithTheChangesMarked() {
    model.clusterProperty().set("beijing-prod");
    model.diffFromProperty().set("aaaaaaaaaaaa");
    model.diffToProperty().set("bbbbbbbbbbbb  Open the ingress");

    model.load().join();

    assertThat(source.asked)
        .containsExactly(
            "reachability beijing-prod bbbbbbbbbbbb",
            "diff beijing-prod aaaaaaaaaaaa bbbbbbbbbbbb");
    assertThat(model.shown().edges())
        .filteredOn(e -> e.change() == NetworkGraph.Change.OPENED)
        .extracting(NetworkGraph.DrawnEdge::dst)
        .containsExactly(BILLING);
    assertThat(model.summaryProperty().get()).endsWith("1 opened, 0 closed");
  }

  @Test
  void selectingAWorkloadListsWhoReachesItAndWhatItReaches() {
    model.clusterProperty().set("beijing-prod");
    model.load().join();

    model.selectedProperty().set(GATEWAY);

    assertThat(model.reaching()).containsExactly("ingress/ingress-nginx[Deployment]   TCP 8443");
    assertThat(model.reachable()).hasSize(2);
    model.selectedProperty().set("");
    assertThat(model.reaching()).isEmpty();
  }

  @Test
  void explainingAPathHighlightsItAndAsksAtTheShownCommit() {
    model.clusterProperty().set("beijing-prod");
    model.load().join();

    model.explain(GATEWAY, BILLING).join();

    assertThat(model.pathProperty().get()).isEqualTo(new NetworkViewModel.Path(GATEWAY, BILLING));
    assertThat(source.asked.getLast())
        .isEqualTo(
            "explain beijing-prod 0123456789abcdef0123456789abcdef01234567 "
                + GATEWAY
                + " "
                + BILLING);
    assertThat(model.explanationProperty().get()).contains("allowed TCP 9443");
  }

  @Test
  void filtersRedrawWithoutAskingThePlatformAgain() {
    model.clusterProperty().set("beijing-prod");
    model.load().join();
    int asked = source.asked.size();

    model.namespaceProperty().set("billing");
    assertThat(model.shown().edges()).hasSize(1);
    model.namespaceProperty().set("all");
    model.portProperty().set("7070");
    assertThat(model.shown().edges())
        .extracting(NetworkGraph.DrawnEdge::dst)
        .containsExactlyInAnyOrder(
            "payments/fraud-check[Deployment]", "ingress/ingress-nginx[Deployment]");
    assertThat(source.asked).hasSize(asked);
  }

  @Test
  void aRefusedQuestionIsSaidAndTheLastPictureStays() {
    model.clusterProperty().set("beijing-prod");
    model.load().join();
    source.failure =
        new IllegalStateException("revision 'nope' does not exist in the fleet repository");
    model.revisionProperty().set("nope");

    model.load().join();

    assertThat(model.errorProperty().get())
        .isEqualTo(
            "Cannot read the reachability of beijing-prod: revision 'nope' does not exist in the fleet repository");
    assertThat(model.shown().edges()).hasSize(4);
  }

  @Test
  void withoutAClusterNothingIsAsked() {
    model.load().join();
    assertThat(source.asked).isEmpty();
    assertThat(model.errorProperty().get()).isEqualTo("Choose a cluster first.");
  }
}
