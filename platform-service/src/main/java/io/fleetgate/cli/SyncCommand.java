package io.fleetgate.cli;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.apply.ApplyReport;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.policy.GateResult;
import io.fleetgate.source.SourceException;
import io.fleetgate.sync.ClusterOutcome;
import io.fleetgate.sync.SyncOptions;
import io.fleetgate.sync.SyncReport;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate sync --once}: one sync of the fleet to the repository's branch tip. */
@Command(
    name = "sync",
    description = {
      "Sync the fleet once: fetch, render, validate with OPA, apply, prune, record.",
      "Exit codes: 0 every cluster synced, 1 a cluster was denied, stalled or failed (or the source is stale), 2 bad input."
    })
final class SyncCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin RepoOptions source;

  @CommandLine.Mixin ArgoCdDriverOptions argocd;

  @Option(
      names = "--once",
      required = true,
      description = "Sync once and exit (the long-running loop is 'fleetgate serve').")
  boolean once;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Sync only this cluster.")
  String cluster;

  @Option(
      names = "--dry-run",
      description = "Validate everything on the servers (server-side dry run); change nothing.")
  boolean dryRun;

  @Option(
      names = "--full-check",
      description =
          "Also compare objects unchanged in Git with the live cluster: report drift, and revert it for bundles with selfHeal.")
  boolean fullCheck;

  @Option(
      names = "--policy-engine",
      defaultValue = "wasm",
      description = "wasm (in process) or opa-server (default: ${DEFAULT-VALUE}).")
  String policyEngine;

  @Option(
      names = "--opa-url",
      paramLabel = "URL",
      description = "An external OPA server for --policy-engine opa-server (default: start one).")
  URI opaUrl;

  @Option(
      names = "--opa-token-file",
      paramLabel = "FILE",
      description =
          "The bearer token the external OPA server requires (its --authentication=token); sent"
              + " only over https or to loopback.")
  java.nio.file.Path opaTokenFile;

  @Option(
      names = "--opa-ca-file",
      paramLabel = "FILE",
      description = "CA certificates (PEM) for an https:// --opa-url (default: the JDK's).")
  java.nio.file.Path opaCaFile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SyncSetup.Engine engine =
        switch (policyEngine) {
          case "wasm" -> SyncSetup.Engine.WASM;
          case "opa-server" -> SyncSetup.Engine.OPA_SERVER;
          default ->
              throw new CommandLine.ParameterException(
                  spec.commandLine(),
                  "--policy-engine must be wasm or opa-server, not " + policyEngine);
        };
    if ((opaTokenFile != null || opaCaFile != null) && opaUrl == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--opa-token-file and --opa-ca-file go with --opa-url");
    }
    SyncSetup.Config config = source.config(engine, opaUrl, opaTokenFile, opaCaFile);
    try (SyncSetup setup =
        SyncSetup.open(config, Clock.systemUTC(), argocd.driver(spec.commandLine()))) {
      SyncReport report =
          setup.syncOnce(new SyncOptions(Optional.ofNullable(cluster), dryRun, fullCheck));
      print(report, out);
      if (cluster != null && report.outcomes().isEmpty() && !report.stale()) {
        spec.commandLine()
            .getErr()
            .println("fleetgate: no cluster named '" + cluster + "' in the management cluster");
        return ExitCodes.BAD_INPUT;
      }
      return report.converged() ? ExitCodes.OK : ExitCodes.FAILED;
    } catch (IllegalArgumentException | SourceException | io.fleetgate.argocd.ArgoCdException e) {
      spec.commandLine().getErr().println("fleetgate: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
  }

  private void print(SyncReport report, PrintWriter out) {
    out.printf(
        "Revision %s by %s: %s%s%n%n",
        report.revision().shortCommit(),
        report.revision().author(),
        report.revision().message(),
        dryRun ? "  (dry run)" : "");
    if (report.stale()) {
      out.println("NOT APPLIED: " + report.staleReason());
      out.println("Every cluster keeps the last applied revision; nothing was applied or pruned.");
    }
    String format = "%-22s %-11s %s%n";
    if (!report.outcomes().isEmpty()) {
      out.printf(format, "CLUSTER", "RESULT", "DETAIL");
    }
    for (ClusterOutcome outcome : report.outcomes()) {
      out.printf(
          format,
          outcome.cluster(),
          outcome.word(),
          io.fleetgate.sync.SyncReports.summary(outcome));
    }
    for (ClusterOutcome outcome : report.outcomes()) {
      details(outcome, out);
    }
    if (report.outcomes().stream().anyMatch(o -> !o.converged() || drifted(o) || unhealthy(o))) {
      out.println();
    }
    report.problems().forEach(problem -> out.println("! " + problem));
    out.flush();
  }

  private static void details(ClusterOutcome outcome, PrintWriter out) {
    switch (outcome) {
      case ClusterOutcome.Stalled s -> {
        if (s.problems().isEmpty()) {
          out.printf("%n%s: %s", s.cluster(), s.reason());
        }
        s.problems().forEach(p -> out.printf("%n%s: %s", s.cluster(), p));
      }
      case ClusterOutcome.Denied d -> {
        denials(d.cluster(), d.verdicts(), out);
        observed(d.cluster(), d.applied(), out);
      }
      case ClusterOutcome.Rejected r -> {
        for (ObjectResult failure : r.objects()) {
          out.printf(
              "%n%s: %s %s: %s", r.cluster(), failure.source(), failure.ref(), failure.message());
        }
      }
      case ClusterOutcome.Synced s -> observed(s.cluster(), s.applied(), out);
      case ClusterOutcome.Unreachable u ->
          out.printf("%n%s: unreachable: %s", u.cluster(), u.reason());
      case ClusterOutcome.Waiting w -> out.printf("%n%s: waiting: %s", w.cluster(), w.reason());
    }
  }

  /** Unhealthy objects, Warning events, drift and adoptions. */
  private static void observed(String cluster, ApplyReport report, PrintWriter out) {
    for (var health : report.health()) {
      if (health.health().status() != io.fleetgate.health.Health.Status.HEALTHY) {
        out.printf(
            "%n%s: %s %s %s: %s",
            cluster,
            health.source(),
            health.ref(),
            health.health().status().word(),
            health.health().message());
      }
    }
    for (var event : report.events()) {
      out.printf("%n%s: event %s", cluster, event);
    }
    for (ObjectResult result : report.results()) {
      if (result.action() == ObjectResult.Action.DRIFTED
          || result.action() == ObjectResult.Action.HEALED
          || result.action() == ObjectResult.Action.ADOPTED) {
        out.printf(
            "%n%s: %s %s %s: %s",
            cluster, result.source(), result.ref(), result.action().word(), result.message());
      }
    }
  }

  private static boolean unhealthy(ClusterOutcome outcome) {
    return outcome
        .report()
        .map(
            r ->
                r.health().stream()
                    .anyMatch(
                        h -> h.health().status() != io.fleetgate.health.Health.Status.HEALTHY))
        .orElse(false);
  }

  private static boolean drifted(ClusterOutcome outcome) {
    return outcome.report().map(r -> r.count(ObjectResult.Action.HEALED) > 0).orElse(false);
  }

  private static void denials(String cluster, GateResult gate, PrintWriter out) {
    for (GateResult.Verdict verdict : gate.denials()) {
      verdict
          .decision()
          .denials()
          .forEach(
              f ->
                  out.printf(
                      "%n%s: %s %s denied by %s: %s",
                      cluster,
                      verdict.object().source(),
                      verdict.object().ref(),
                      f.policy(),
                      f.message()));
    }
  }
}
