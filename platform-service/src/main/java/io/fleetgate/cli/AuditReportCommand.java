package io.fleetgate.cli;

import io.fleetgate.app.FleetMatrixReader;
import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.patch.kube.KubeNodeSource;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.AuditReportFormat;
import io.fleetgate.report.ComplianceReport;
import io.fleetgate.report.ReportBuilder;
import io.fleetgate.report.patch.MatrixReader;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate audit-report}: compliance evidence from the audit log. */
@Command(
    name = "audit-report",
    description = {
      "Write a policy audit report from the audit log: a summary by compliance control, trends, every finding's",
      "evidence (commit, author, time, cluster, object, decision), the audit chain's verification and",
      "patch evidence for PCI-DSS 6.3.3: the patch matrix at report time and every patch rollout's history.",
      "Exit codes: 0 written (and the chain verifies), 1 written but the audit chain is broken, 2 bad input."
    })
final class AuditReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the records are (default: ~/.fleetgate/data).")
  Path dataDir;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Start, e.g. 2026-11-01 or 2026-11-01T08:00:00Z (default: 30 days ago).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: now).")
  String to;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster.")
  String cluster;

  @Option(
      names = "--control",
      paramLabel = "ID",
      description = "Only this control, e.g. PCI-DSS-v4.0:1.3.1.")
  String control;

  @Option(
      names = "--format",
      defaultValue = "html",
      description = "html, pdf, json, sarif, junit or openreports (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The report file.")
  Path out;

  @Option(
      names = "--management-kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig of the management cluster: the patch section then shows the fleet's patch"
              + " matrix at report time (without it, only the rollouts' history).")
  Path managementKubeconfig;

  @Option(
      names = "--patch-target-rollout",
      paramLabel = "NAME",
      description = "Judge the patch matrix against this patch rollout's target, read from --repo.")
  String patchTargetRollout;

  @Option(
      names = "--repo",
      paramLabel = "PATH",
      description = "The config repository's working copy holding --patch-target-rollout.")
  Path repo;

  @Option(
      names = "--patch-kubernetes-version",
      paramLabel = "VERSION",
      description = "Judge the patch matrix against this kubelet version, e.g. v1.34.3.")
  String patchKubernetesVersion;

  @Option(
      names = "--patch-kernel",
      paramLabel = "VERSION",
      description = "Judge the patch matrix against this kernel version, as nodes report it.")
  String patchKernel;

  @Option(
      names = "--patch-os-image",
      paramLabel = "IMAGE",
      description = "Judge the patch matrix against this OS image, as nodes report it.")
  String patchOsImage;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      description = "How long one call to one cluster may take (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    AuditReportFormat reportFormat = AuditReportFormat.parse(format);
    Instant now = Instant.now();
    Instant start = from == null ? now.minus(java.time.Duration.ofDays(30)) : time(from, "--from");
    Instant end = to == null ? now : time(to, "--to");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    MatrixReader matrix = matrixReader();
    try (SqliteStore store = DataDir.openRecords(dataDir)) {
      long began = System.nanoTime();
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      AuditReportFormat.Written written;
      try (OutputStream file =
          new BufferedOutputStream(io.fleetgate.files.OwnerOnly.newOutputStream(out), 1 << 16)) {
        written =
            reportFormat.build(
                new ReportBuilder(store.history(), store, PolicyCatalog.builtIn(), matrix),
                new ComplianceReport.Scope(start, end, cluster, control, now),
                file);
      }
      ComplianceReport report = written.report();
      spec.commandLine()
          .getErr()
          .printf(
              "Wrote %s: %d finding(s), %d control(s), audit chain %s (%.1f s)%n",
              out,
              written.findings(),
              report.controls().size(),
              report.chain().intact() ? "intact" : "BROKEN at row " + report.chain().brokenAt(),
              (System.nanoTime() - began) / 1e9);
      return report.chain().intact() ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /** Reads the matrix when a management cluster is given; says how to include it when not. */
  private MatrixReader matrixReader() {
    boolean versions =
        patchKubernetesVersion != null || patchKernel != null || patchOsImage != null;
    PatchTarget target =
        patchTargetRollout == null
            ? new PatchTarget(patchKubernetesVersion, patchKernel, patchOsImage)
            : RolloutTargets.of(
                repo,
                patchTargetRollout,
                versions,
                "--patch-target-rollout",
                "--patch-kubernetes-version, --patch-kernel and --patch-os-image");
    if (managementKubeconfig == null) {
      if (target.names()) {
        throw new IllegalArgumentException(
            "a patch target needs --management-kubeconfig, the cluster to read the fleet's nodes"
                + " from");
      }
      return MatrixReader.none(
          "no management cluster was given (fleetgate audit-report --management-kubeconfig FILE"
              + " includes the matrix)");
    }
    Kubeconfig management;
    try {
      management =
          new Kubeconfig(managementKubeconfig.toString(), Files.readString(managementKubeconfig));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the management kubeconfig "
              + managementKubeconfig
              + ": "
              + e.getMessage()
              + "; give the file the management cluster's kubeconfig is in",
          e);
    }
    Duration deadline = DurationArg.parse(timeout, "--timeout", spec);
    // Made now, so that a kubeconfig the policy refuses fails the command before any report.
    return new FleetMatrixReader(
        new CapiClusterDirectory(
            new KubeClients(KubeconfigPolicy.operatorFile(), deadline).api(management)),
        new KubeNodeSource(new KubeClients(KubeconfigPolicy.strict(), deadline)),
        target,
        patchTargetRollout == null
            ? "versions given"
            : "the target of rollout " + patchTargetRollout,
        Clock.systemUTC());
  }

  private static Instant time(String text, String option) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " must be a date (2026-11-01) or a UTC time (2026-11-01T08:00:00Z), not '"
              + text
              + "'");
    }
  }
}
