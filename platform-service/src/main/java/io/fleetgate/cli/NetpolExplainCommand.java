package io.fleetgate.cli;

import io.fleetgate.netpol.Endpoint;
import io.fleetgate.netpol.Explanation;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.NetworkAnalysis;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate netpol explain}: why one endpoint may or may not reach another. */
@Command(
    name = "explain",
    description = {
      "Explain one pair: what is allowed, and which rules decide it on the egress and the ingress side.",
      "Endpoints: namespace/name[Kind], namespace/name, or an IP address.",
      "Exit codes: 0 allowed, 1 denied, 2 bad input."
    })
final class NetpolExplainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin NetpolSource source;

  @Option(names = "--src", required = true, paramLabel = "ENDPOINT", description = "The source.")
  String src;

  @Option(
      names = "--dst",
      required = true,
      paramLabel = "ENDPOINT",
      description = "The destination.")
  String dst;

  @Override
  public Integer call() throws Exception {
    ModelRead read = source.read();
    if (NetpolSource.refuse(read, spec.commandLine().getErr())) {
      return ExitCodes.BAD_INPUT;
    }
    NetworkAnalysis analysis = NetworkAnalysis.of(read.model());
    Endpoint from = endpoint(analysis, src, "--src");
    Endpoint to = endpoint(analysis, dst, "--dst");
    Explanation explanation = analysis.explain(from, to);
    spec.commandLine().getOut().println(explanation);
    spec.commandLine().getOut().flush();
    return explanation.isAllowed() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static Endpoint endpoint(NetworkAnalysis analysis, String text, String option) {
    return analysis
        .endpoint(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    option
                        + " "
                        + text
                        + " is no workload of the model and no IP address; write namespace/name[Kind]"
                        + " as `fleetgate netpol` lists it"));
  }
}
