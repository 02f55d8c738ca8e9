package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartingImagesTest {

  private static final List<String> FLEET =
      List.of("beijing-prod", "guangzhou-prod", "aws-cn-north-1-prod");

  @Test
  void theSecondClusterStartsAPatchAndAKernelBehind() {
    assertThat(StartingImages.of(FLEET, "guangzhou-prod", "v1.34.4"))
        .isEqualTo(
            new NodeImage("v1.34.3", "6.8.0-49-generic", NodeImage.OS_IMAGE, NodeImage.RUNTIME));
    assertThat(StartingImages.of(FLEET, "beijing-prod", "v1.34.4"))
        .isEqualTo(NodeImage.current("v1.34.4"));
    assertThat(StartingImages.of(FLEET, "aws-cn-north-1-prod", "v1.34.4"))
        .isEqualTo(NodeImage.current("v1.34.4"));
  }

  @Test
  void theOnlyClusterOfAFleetOfOneStartsBehind() {
    assertThat(StartingImages.behind(List.of("beijing-prod"))).isEqualTo("beijing-prod");
  }

  @Test
  void refusesAFleetWithoutClusters() {
    assertThatThrownBy(() -> StartingImages.behind(List.of())).isInstanceOf(SandboxException.class);
  }
}
