package io.fleetgate.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgoValuesTest {

  private static ArgoApplication app(String name, String path) {
    return new ArgoApplication(
        name,
        "fleetgate",
        "https://git.example.com/fleet.git",
        path,
        "0123456789abcdef0123456789abcdef01234567",
        "https://10.0.0.1:6443",
        "payments",
        Map.of("fleetgate.io/bundle", "payments"));
  }

  @Test
  void writesTheSelectorInKeyOrder() {
    var selector = LabelSelector.of(Map.of("fleetgate.io/cluster", "beijing-prod", "app", "x"));
    assertThat(selector.query()).isEqualTo("app=x,fleetgate.io/cluster=beijing-prod");
    assertThat(LabelSelector.all().query()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "prod,team!=x",
        "prod in (a)",
        "a b",
        "x=y",
        "-lead",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void refusesALabelValueThatWouldAddAnotherRequirement(String value) {
    assertThatThrownBy(() -> LabelSelector.of(Map.of("env", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a label value");
  }

  @ParameterizedTest
  @ValueSource(strings = {"env,x", "Bad.Prefix/name", "/name", "a/b/c", "env!"})
  void refusesAKeyThatIsNotALabelKey(String key) {
    assertThatThrownBy(() -> LabelSelector.of(Map.of(key, "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a label key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc", "../other", "bundles/../../other", ".."})
  void refusesAPathThatLeavesTheRepository(String path) {
    assertThatThrownBy(() -> app("payments-beijing-prod", path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be relative and stay inside the repository");
  }

  @Test
  void acceptsARelativePathAndTheRepositoryRoot() {
    assertThat(app("payments-beijing-prod", "bundles/payments").path())
        .isEqualTo("bundles/payments");
    assertThat(app("payments-beijing-prod", null).path()).isEmpty();
    assertThat(app("payments-beijing-prod", "a..b/c").path()).isEqualTo("a..b/c");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Payments", "a_b", "-a", "a-", ""})
  void refusesANameThatIsNotAKubernetesName(String name) {
    assertThatThrownBy(() -> app(name, "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesControlCharactersInTheRepositoryUrl() {
    assertThatThrownBy(
            () ->
                new ArgoApplication(
                    "a",
                    "p",
                    "https://git.example.com/x\n.git",
                    "",
                    "HEAD",
                    "https://s",
                    "",
                    Map.of()))
        .hasMessageContaining("control characters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main",
        "HEAD",
        "v1.2.3",
        "0123456789abcdef",
        "0123456789ABCDEF0123456789abcdef01234567"
      })
  void syncsOnlyToAFullCommitId(String revision) {
    assertThatThrownBy(() -> CommitId.require(revision))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a full commit id");
  }

  @Test
  void acceptsSha1AndSha256CommitIds() {
    assertThat(CommitId.require("0123456789abcdef0123456789abcdef01234567")).hasSize(40);
    assertThat(CommitId.require("0".repeat(64))).hasSize(64);
  }

  @Test
  void makesServerTextPrintableAndShort() {
    assertThat(ServerText.clean("line one\nline two\u001b[31m red\u202e"))
        .isEqualTo("line one line two [31m red");
    assertThat(ServerText.clean("x".repeat(5_000))).hasSize(ServerText.MAX_CHARS + 1);
    assertThat(ServerText.clean(null)).isEmpty();
  }

  @Test
  void callsAStateSettledOnlyWhenSyncedHealthyAtTheRevisionAndNotRunning() {
    String rev = "0123456789abcdef0123456789abcdef01234567";
    var settled =
        new ApplicationState(
            SyncStatus.SYNCED, HealthStatus.HEALTHY, rev, OperationPhase.SUCCEEDED, "", List.of());
    assertThat(settled.settledAt(rev)).isTrue();
    assertThat(settled.settledAt("f".repeat(40))).isFalse();
    var running =
        new ApplicationState(
            SyncStatus.SYNCED, HealthStatus.HEALTHY, rev, OperationPhase.RUNNING, "", List.of());
    assertThat(running.settledAt(rev)).isFalse();
    var degraded =
        new ApplicationState(
            SyncStatus.SYNCED, HealthStatus.DEGRADED, rev, OperationPhase.NONE, "", List.of());
    assertThat(degraded.settledAt(rev)).isFalse();
  }
}
