package io.fleetgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fleetgate patch}: the fleet's patch state. */
@Command(
    name = "patch",
    description = "The patch state of the fleet's nodes (Kubernetes version, kernel, OS image).",
    subcommands = {PatchMatrixCommand.class})
final class PatchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
