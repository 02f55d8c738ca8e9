package io.fleetgate.console.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkLayoutTest {

  @Test
  void layoutIsTheSameWhateverTheOrderOfTheModel() {
    var picture = NetworkModels.generated(20, 10);
    List<NetworkSource.Node> shuffled = new ArrayList<>(picture.nodes());
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    List<NetworkSource.Edge> edges = new ArrayList<>(picture.edges());
    java.util.Collections.reverse(edges);
    var again =
        new NetworkSource.Picture(
            picture.cluster(), picture.commit(), picture.groups(), shuffled, edges, List.of());

    var one = NetworkLayout.of(picture, List.of(), 1100);
    var two = NetworkLayout.of(again, List.of(), 1100);

    assertThat(two.spots()).isEqualTo(one.spots());
    assertThat(two.boxes()).isEqualTo(one.boxes());
  }

  @Test
  void twoHundredWorkloadsFitTheWidthWithoutOverlapping() {
    var layout = NetworkLayout.of(NetworkModels.generated(20, 10), List.of(), 1100);

    assertThat(layout.spots()).hasSize(201); // 200 workloads and one address range
    assertThat(layout.boxes()).allSatisfy(b -> assertThat(b.x() + b.w()).isLessThanOrEqualTo(1100));
    assertThat(layout.width()).isLessThanOrEqualTo(1100 + NetworkLayout.BOX_GAP / 2);
    List<NetworkLayout.Spot> spots = new ArrayList<>(layout.spots().values());
    for (int i = 0; i < spots.size(); i++) {
      for (int j = i + 1; j < spots.size(); j++) {
        NetworkLayout.Spot a = spots.get(i);
        NetworkLayout.Spot b = spots.get(j);
        boolean apart =
            a.x() + NetworkLayout.NODE_WIDTH <= b.x()
                || b.x() + NetworkLayout.NODE_WIDTH <= a.x()
                || a.y() + NetworkLayout.NODE_HEIGHT <= b.y()
                || b.y() + NetworkLayout.NODE_HEIGHT <= a.y();
        assertThat(apart).as(a.endpoint() + " and " + b.endpoint()).isTrue();
      }
    }
    for (NetworkLayout.Spot s : spots) {
      NetworkLayout.Box box =
          layout.boxes().stream()
              .filter(b -> b.namespace().equals(s.namespace()))
              .findFirst()
              .orElseThrow();
      assertThat(s.x()).isBetween(box.x(), box.x() + box.w() - NetworkLayout.NODE_WIDTH);
      assertThat(s.y()).isBetween(box.y(), box.y() + box.h() - NetworkLayout.NODE_HEIGHT);
    }
  }

  @Test
  void addressesAndWorkloadsOnlyTheOtherRevisionHasGetAPlace() {
    var layout =
        NetworkLayout.of(
            NetworkModels.small(),
            List.of(
                NetworkModels.edge(
                    "payments/old-batch[Job]", "192.168.0.0-192.168.255.255", "TCP", 22)),
            1100);

    assertThat(layout.spots().get("payments/old-batch[Job]").namespace()).isEqualTo("payments");
    assertThat(layout.spots().get("192.168.0.0-192.168.255.255").namespace())
        .isEqualTo(NetworkLayout.OUTSIDE);
    assertThat(layout.boxes().getLast().namespace()).isEqualTo(NetworkLayout.OUTSIDE);
  }
}
