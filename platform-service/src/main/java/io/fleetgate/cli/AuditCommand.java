package io.fleetgate.cli;

import io.fleetgate.audit.AuditLog;
import io.fleetgate.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate audit verify}: walks the audit hash chain. */
@Command(
    name = "audit",
    description = "Inspect the audit log.",
    subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      description = {
        "Verify the audit log's hash chain.",
        "Exit codes: 0 intact, 1 broken (the first broken row is named), 2 no database."
      })
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Where the database is (default: ~/.fleetgate/data).")
    Path dataDir;

    @Override
    public Integer call() {
      try (SqliteStore store = DataDir.openRecords(dataDir)) {
        AuditLog.Verification verification = store.verify();
        var out = spec.commandLine().getOut();
        if (verification.intact()) {
          out.printf(
              "Audit chain intact: %d rows, head %s%n", verification.rows(), verification.head());
          return ExitCodes.OK;
        }
        out.printf(
            "Audit chain BROKEN at row %d: %s%n%d rows before it verify; last good hash %s%n",
            verification.brokenAt(),
            verification.reason(),
            verification.rows(),
            verification.head());
        return ExitCodes.FAILED;
      }
    }
  }
}
