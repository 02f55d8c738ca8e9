package io.fleetgate.cli;

import io.fleetgate.anchor.ExportedHead;
import io.fleetgate.anchor.HeadExport;
import io.fleetgate.anchor.HeadFile;
import io.fleetgate.anchor.SignatureCheck;
import io.fleetgate.anchor.SigningKeys;
import io.fleetgate.audit.AuditHead;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.audit.HeadCheck;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate audit verify} and {@code fleetgate audit head}: the audit hash chain. */
@Command(
    name = "audit",
    description = "Inspect the audit log.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Head.class})
final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      description = {
        "Verify the audit log's hash chain, and that it still reaches a head exported earlier.",
        "Exit codes: 0 intact, 1 broken, truncated or rewritten (the row is named), 2 bad input."
      })
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Where the database is (default: ~/.fleetgate/data).")
    Path dataDir;

    @Option(
        names = "--expect-head",
        paramLabel = "FILE",
        description =
            "A head exported earlier ('fleetgate audit head', or DATA_DIR/audit-head.json copied"
                + " off the host): the chain must still reach it.")
    Path expectHead;

    @Option(
        names = "--head-public-key",
        paramLabel = "FILE",
        description =
            "The Ed25519 public key (PEM) the expected head must be signed with; requires"
                + " --expect-head.")
    Path publicKey;

    @Override
    public Integer call() {
      if (publicKey != null && expectHead == null) {
        throw new IllegalArgumentException("--head-public-key checks the head of --expect-head");
      }
      Optional<ExportedHead> expected = Optional.ofNullable(expectHead).map(HeadFile::read);
      Optional<SignatureCheck> signature =
          expected.flatMap(
              e ->
                  Optional.ofNullable(publicKey)
                      .map(k -> SigningKeys.check(e, SigningKeys.publicKey(k))));
      try (SqliteStore store = DataDir.openRecords(dataDir)) {
        AuditLog.Verification verification = store.verify();
        PrintWriter out = spec.commandLine().getOut();
        if (!verification.intact()) {
          out.printf(
              "Audit chain BROKEN at row %d: %s%n%d rows before it verify; last good hash %s%n",
              verification.brokenAt(),
              verification.reason(),
              verification.rows(),
              verification.head());
          return ExitCodes.FAILED;
        }
        out.printf(
            "Audit chain intact: %d rows, head %s%n", verification.rows(), verification.head());
        if (signature.isPresent() && signature.get() != SignatureCheck.VALID) {
          out.printf("Expected head %s REFUSED: %s%n", expectHead, signature.get().explanation());
          return ExitCodes.FAILED;
        }
        if (expected.isPresent()) {
          HeadCheck check = HeadCheck.against(expected.get().head(), store);
          out.printf(
              "Expected head %s (%s)%s: %s%n",
              check.holds() ? "reached" : "NOT REACHED",
              expected.get().exportedAt(),
              signature.map(s -> ", " + s.explanation()).orElse(""),
              check.explanation());
          return check.holds() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "head",
      description = {
        "Print the audit chain's head (row count and last hash) as JSON, after verifying the"
            + " chain; keep it off the host and check it later with 'audit verify --expect-head'.",
        "Exit codes: 0 written, 1 the chain is broken (no head), 2 bad input."
      })
  static final class Head implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Where the database is (default: ~/.fleetgate/data).")
    Path dataDir;

    @Option(
        names = "--signing-key",
        paramLabel = "FILE",
        description =
            "Sign the head with this Ed25519 private key (PEM, 'openssl genpkey -algorithm"
                + " ed25519'); default: the key "
                + HeadExport.KEY_VARIABLE
                + " names, if any.")
    Path signingKey;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write the head to this file (owner-only) instead of printing it.")
    Path out;

    @Override
    public Integer call() {
      try (SqliteStore store = DataDir.openRecords(dataDir)) {
        AuditLog.Verification verification = store.verify();
        if (!verification.intact()) {
          spec.commandLine()
              .getErr()
              .printf(
                  "fleetgate: the audit chain is BROKEN at row %d (%s); it has no head to"
                      + " export%n",
                  verification.brokenAt(), verification.reason());
          return ExitCodes.FAILED;
        }
        HeadExport export =
            signingKey != null
                ? new HeadExport(
                    Path.of(HeadFile.NAME),
                    Optional.of(SigningKeys.privateKey(signingKey)),
                    Clock.systemUTC())
                : HeadExport.inDataDirectory(DataDir.orDefault(dataDir), Clock.systemUTC());
        ExportedHead head = export.take(AuditHead.of(verification));
        if (out != null) {
          HeadFile.write(out, head);
          spec.commandLine()
              .getErr()
              .printf("Wrote %s: %d rows, hash %s%n", out, head.head().rows(), head.head().hash());
        } else {
          spec.commandLine().getOut().print(HeadFile.toJson(head));
          spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
      }
    }
  }
}
