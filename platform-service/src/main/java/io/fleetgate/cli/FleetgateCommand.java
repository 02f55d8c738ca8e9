package io.fleetgate.cli;

import picocli.CommandLine.Command;

/** {@code fleetgate}: the top-level command. */
@Command(
    name = "fleetgate",
    mixinStandardHelpOptions = true,
    scope = picocli.CommandLine.ScopeType.INHERIT,
    versionProvider = VersionCommand.Provider.class,
    description = "GitOps for fleets of Cluster API clusters, with every object validated by OPA.",
    subcommands = {
      VersionCommand.class,
      SandboxCommand.class,
      SyncCommand.class,
      ServeCommand.class,
      DiffCommand.class,
      ValidateCommand.class,
      StatusCommand.class,
      AuditCommand.class,
      AuditReportCommand.class,
      TokenCommand.class,
      NetpolCommand.class,
      SloCommand.class,
      RolloutCommand.class,
      PatchCommand.class,
      ArgocdCommand.class
    })
public final class FleetgateCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
