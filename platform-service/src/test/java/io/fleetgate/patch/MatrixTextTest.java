package io.fleetgate.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTextTest {

  @Test
  void showsEachClustersUpToDateCountAndWhyAClusterIsUnknown() {
    String text =
        MatrixText.write(
            PatchMatrix.of(
                List.of(
                    NodeListing.listed(
                        "fleet/a",
                        List.of(
                            PatchMatrixTest.node("fleet/a", "a1", "v1.34.3"),
                            PatchMatrixTest.node("fleet/a", "a2", "v1.34.2"))),
                    NodeListing.unreachable("fleet/b", "connection refused")),
                new PatchTarget("v1.34.3", null, null),
                List.of()));
    assertThat(text)
        .contains("Patch matrix against kubernetes v1.34.3")
        .containsPattern("CLUSTER +UP TO DATE +KUBERNETES +KERNEL +OS IMAGE +NODES")
        .containsPattern("fleet/a +1/2 +v1.34.2 +6.8.0-51-generic +Ubuntu 24.04.1 LTS +1")
        .containsPattern("\n +v1.34.3 +6.8.0-51-generic")
        .containsPattern("fleet/b +unreachable")
        .contains("fleet/b unreachable (connection refused)");
  }

  @Test
  void neverPassesTerminalControlsOrLongValuesThrough() {
    NodePatchLevel hostile =
        new NodePatchLevel(
            "fleet/a",
            "a1",
            "v1.34.3\u001b[2J",
            "6.8\u202e0",
            "x".repeat(100_000),
            "c",
            NodeReadiness.READY,
            true);
    String text =
        MatrixText.write(
            PatchMatrix.of(
                List.of(NodeListing.listed("fleet/a", List.of(hostile))),
                PatchTarget.NONE,
                List.of()));
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u202e").contains("v1.34.3?[2J");
    assertThat(text).contains("x".repeat(MatrixText.WIDEST - 1) + "…");
    assertThat(text).doesNotContain("x".repeat(MatrixText.WIDEST));
    assertThat(text).contains("no target given").containsPattern("fleet/a +-/1");
  }

  @Test
  void cutsFieldsOnCodePointsWithAnEllipsis() {
    String emoji = "\uD83D\uDE00";
    String cut = FieldBound.cut(emoji.repeat(FieldBound.MAX_CODE_POINTS + 1));
    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(FieldBound.MAX_CODE_POINTS);
    assertThat(cut).endsWith(emoji + "…");
    String fits = "a".repeat(FieldBound.MAX_CODE_POINTS);
    assertThat(FieldBound.cut(fits)).isSameAs(fits);
    assertThat(FieldBound.cut(null)).isEmpty();
  }
}
