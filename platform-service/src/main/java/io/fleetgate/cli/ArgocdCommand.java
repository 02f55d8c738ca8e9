package io.fleetgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fleetgate argocd}: Fleetgate and Argo CD. */
@Command(
    name = "argocd",
    description = "Work with the Argo CD that runs against the management cluster.",
    subcommands = {ArgocdRegisterCommand.class})
final class ArgocdCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
