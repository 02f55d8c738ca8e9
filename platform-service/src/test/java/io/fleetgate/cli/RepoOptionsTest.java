package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.app.SyncSetup;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RepoOptionsTest {

  @CommandLine.Command
  static final class Probe {
    @CommandLine.Mixin RepoOptions repo;
  }

  @Test
  void withoutBranchFollowsTheRemoteDefaultBranch() {
    RepoOptions options = parse("--repo", "/srv/fleet", "--management-kubeconfig", "m.yaml");

    assertThat(options.config(SyncSetup.Engine.WASM, null).branch()).isNull();
    assertThat(options.describe()).isEqualTo("/srv/fleet (remote default branch)");
  }

  @Test
  void keepsAnExplicitBranch() {
    RepoOptions options =
        parse("--repo", "/srv/fleet", "--branch", "release", "--management-kubeconfig", "m.yaml");

    assertThat(options.config(SyncSetup.Engine.WASM, null).branch()).isEqualTo("release");
    assertThat(options.describe()).isEqualTo("/srv/fleet#release");
  }

  @Test
  void deadlinesAreTheDefaultsUnlessGiven() {
    RepoOptions defaults = parse("--repo", "/srv/fleet", "--management-kubeconfig", "m.yaml");
    RepoOptions given =
        parse(
            "--repo",
            "/srv/fleet",
            "--management-kubeconfig",
            "m.yaml",
            "--reconcile-deadline",
            "90s",
            "--fetch-deadline",
            "1m",
            "--evaluation-deadline",
            "500ms",
            "--change-set-deadline",
            "2m",
            "--kustomize-deadline",
            "10s");

    assertThat(defaults.config(SyncSetup.Engine.WASM, null).deadlines())
        .isEqualTo(io.fleetgate.domain.Deadlines.DEFAULTS);
    assertThat(given.config(SyncSetup.Engine.WASM, null).deadlines())
        .isEqualTo(
            new io.fleetgate.domain.Deadlines(
                java.time.Duration.ofSeconds(90),
                java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMillis(500),
                java.time.Duration.ofMinutes(2),
                java.time.Duration.ofSeconds(10)));
  }

  @Test
  void aDeadlineThatIsNotADurationIsRefusedNamingTheOption() {
    RepoOptions options =
        parse(
            "--repo",
            "/srv/fleet",
            "--management-kubeconfig",
            "m.yaml",
            "--reconcile-deadline",
            "soon");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> options.config(SyncSetup.Engine.WASM, null))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--reconcile-deadline must look like 500ms, 30s, 2m or 1h, not 'soon'");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "--reconcile-deadline|1ms|--reconcile-deadline: the reconcile deadline must be between 10 s"
            + " and 6 h, not 1 ms",
        "--reconcile-deadline|2562048h|--reconcile-deadline: the reconcile deadline must be"
            + " between 10 s and 6 h, not PT2562048H",
        "--reconcile-deadline|12345678901234567890s|--reconcile-deadline is far too long:"
            + " '12345678901234567890s'",
        "--fetch-deadline|1ms|--fetch-deadline: the fetch deadline must be between 5 s and 1 h, not"
            + " 1 ms",
        "--evaluation-deadline|1ms|--evaluation-deadline: the evaluation deadline must be between"
            + " 100 ms and 5 min, not 1 ms",
        "--change-set-deadline|9999999m|--change-set-deadline: the change set deadline must be"
            + " between 1 s and 1 h, not PT166666H39M",
        "--kustomize-deadline|100ms|--kustomize-deadline: the kustomize deadline must be between 1"
            + " s and 30 min, not 100 ms"
      })
  void aDeadlineOutOfItsBoundsIsRefusedNamingTheOption(String option, String value, String want) {
    RepoOptions options =
        parse("--repo", "/srv/fleet", "--management-kubeconfig", "m.yaml", option, value);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> options.config(SyncSetup.Engine.WASM, null))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage(want);
  }

  private static RepoOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.repo;
  }
}
