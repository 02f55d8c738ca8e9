package io.fleetgate.cli;

import io.fleetgate.kube.KubeException;
import io.fleetgate.sandbox.SandboxException;
import picocli.CommandLine;

/**
 * Turns failures into one readable sentence on stderr and an exit code: bad input exits 2, known
 * failures (their messages say what to do) exit 1; anything unexpected also prints its stack trace
 * for a report.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static final int FAILED = 1;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    var err = commandLine.getErr();
    if (e instanceof IllegalArgumentException || e instanceof io.fleetgate.source.SourceException) {
      err.println("fleetgate: " + e.getMessage());
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    if (e instanceof SandboxException
        || e instanceof KubeException
        || e instanceof io.fleetgate.policy.PolicyException) {
      err.println("fleetgate: " + e.getMessage());
    } else {
      err.println("fleetgate: unexpected error: " + e);
      e.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }
}
