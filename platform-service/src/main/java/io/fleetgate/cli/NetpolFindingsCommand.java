package io.fleetgate.cli;

import io.fleetgate.netpol.Findings;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.NetpolFinding;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpol.ProtectedNamespaces;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate netpol findings}: segmentation findings. */
@Command(
    name = "findings",
    description = {
      "Segmentation findings: protected namespaces reachable from outside their allow-list, namespaces"
          + " without a default deny, policies selecting no pod, rules admitting every address, shadowed rules.",
      "Exit codes: 0 no deny finding, 1 deny findings, 2 bad input."
    })
final class NetpolFindingsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin NetpolSource source;

  @Option(
      names = "--protected-label",
      paramLabel = "KEY=VALUE",
      defaultValue = ProtectedNamespaces.DEFAULT_LABEL + "=true",
      description = "The label of protected namespaces (default: ${DEFAULT-VALUE}).")
  String protectedLabel;

  @Option(
      names = "--allow-from",
      paramLabel = "NAMESPACE",
      split = ",",
      defaultValue = "ingress",
      description = "Namespaces that may reach protected ones (default: ${DEFAULT-VALUE}).")
  List<String> allowFrom;

  @Override
  public Integer call() throws Exception {
    int eq = protectedLabel.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--protected-label " + protectedLabel + " is not KEY=VALUE");
    }
    ModelRead read = source.read();
    if (NetpolSource.refuse(read, spec.commandLine().getErr())) {
      return ExitCodes.BAD_INPUT;
    }
    ProtectedNamespaces protection =
        new ProtectedNamespaces(
            protectedLabel.substring(0, eq),
            protectedLabel.substring(eq + 1),
            Set.copyOf(allowFrom));
    List<NetpolFinding> findings = Findings.of(NetworkAnalysis.of(read.model()), protection);
    findings.forEach(spec.commandLine().getOut()::println);
    spec.commandLine().getOut().flush();
    boolean deny =
        findings.stream().anyMatch(f -> f.kind().severity() == NetpolFinding.Severity.DENY);
    return deny ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
