package io.fleetgate.cli;

import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpol.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate netpol}: every connection the NetworkPolicies allow. */
@Command(
    name = "netpol",
    description = {
      "List the connections NetworkPolicies allow: src => dst : conn, sorted by source then destination.",
      "json is netpol-analyzer's list -o json shape. Exit codes: 0 listed, 2 bad input (nothing is listed"
          + " when an object cannot be read)."
    },
    subcommands = {
      NetpolExplainCommand.class,
      NetpolDiffCommand.class,
      NetpolFindingsCommand.class
    })
final class NetpolCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin NetpolSource source;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, json, csv, md or dot (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write here instead of standard output.")
  Path out;

  @Override
  public Integer call() throws Exception {
    OutputFormat output = OutputFormat.parse(format);
    ModelRead read = source.read();
    if (NetpolSource.refuse(read, spec.commandLine().getErr())) {
      return ExitCodes.BAD_INPUT;
    }
    String text = output.write(NetworkAnalysis.of(read.model()).connections());
    if (out == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(out, text);
    }
    return ExitCodes.OK;
  }
}
