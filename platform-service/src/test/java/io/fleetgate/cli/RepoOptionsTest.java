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

  private static RepoOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.repo;
  }
}
