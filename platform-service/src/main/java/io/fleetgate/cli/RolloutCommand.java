package io.fleetgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fleetgate rollout}: patch rollouts. */
@Command(
    name = "rollout",
    description = "Patch rollouts declared in the config repository's rollouts/ directory.",
    subcommands = {
      RolloutListCommand.class,
      RolloutStatusCommand.class,
      RolloutActCommand.Start.class,
      RolloutActCommand.Pause.class,
      RolloutActCommand.Resume.class,
      RolloutActCommand.Approve.class,
      RolloutActCommand.Rollback.class
    })
final class RolloutCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
