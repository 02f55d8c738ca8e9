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

  private static RepoOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.repo;
  }
}
