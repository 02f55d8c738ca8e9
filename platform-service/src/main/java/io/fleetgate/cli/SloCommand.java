package io.fleetgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fleetgate slo}: service level objectives. */
@Command(
    name = "slo",
    description = "Service level objectives declared in the config repository's slos/ directory.",
    subcommands = {SloRulesCommand.class, SloStatusCommand.class})
final class SloCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
