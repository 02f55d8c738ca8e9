package io.fleetgate.cli;

import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.patch.MatrixCsv;
import io.fleetgate.patch.MatrixFilter;
import io.fleetgate.patch.MatrixText;
import io.fleetgate.patch.PatchMatrix;
import io.fleetgate.patch.PatchTarget;
import io.fleetgate.patch.kube.FleetNodes;
import io.fleetgate.patch.kube.KubeNodeSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleetgate patch matrix}: every workload cluster's nodes by Kubernetes version × kernel ×
 * OS image, and how many are up to date against a target.
 */
@Command(
    name = "matrix",
    description = {
      "Read every workload cluster's nodes and show them by Kubernetes version, kernel and OS"
          + " image, with the nodes up to date against the target given (a node must also be"
          + " Ready). An unreachable cluster is shown as such, never as zero nodes.",
      "Exit codes: 0 every cluster read and (with a target) every node up to date, 1 otherwise,"
          + " 2 bad input."
    })
final class PatchMatrixCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--management-kubeconfig",
      required = true,
      paramLabel = "FILE",
      description = "Kubeconfig of the management cluster holding the CAPI Clusters.")
  Path managementKubeconfig;

  @Option(
      names = "--kubernetes-version",
      paramLabel = "VERSION",
      description = "Target kubelet version, e.g. v1.34.3.")
  String kubernetesVersion;

  @Option(
      names = "--kernel",
      paramLabel = "VERSION",
      description = "Target kernel version, as nodes report it.")
  String kernel;

  @Option(
      names = "--os-image",
      paramLabel = "IMAGE",
      description = "Target OS image, as nodes report it.")
  String osImage;

  @Option(
      names = "--rollout",
      paramLabel = "NAME",
      description =
          "Take the target from this patch rollout of --repo (instead of --kubernetes-version,"
              + " --kernel and --os-image).")
  String rollout;

  @Option(
      names = "--repo",
      paramLabel = "PATH",
      description = "The config repository's working copy holding --rollout's rollouts/.")
  Path repo;

  @Option(
      names = "--cluster",
      paramLabel = "TEXT",
      description = "Only clusters whose namespace/name contains this text.")
  String cluster;

  @Option(
      names = "--behind",
      description = "Only clusters not up to date (needs a target); unreachable ones included.")
  boolean behind;

  @Option(
      names = "--format",
      defaultValue = "text",
      paramLabel = "text|csv",
      description = "text or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to this file (owner-only) instead of standard output.")
  Path out;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      description = "How long one call to one cluster may take (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("text") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format " + format + " is not text or csv");
    }
    PatchTarget target =
        rollout == null
            ? new PatchTarget(kubernetesVersion, kernel, osImage)
            : RolloutTargets.of(
                repo, rollout, kubernetesVersion != null || kernel != null || osImage != null);
    if (behind && !target.names()) {
      throw new IllegalArgumentException(
          "--behind needs a target to be behind: give --kubernetes-version, --kernel or"
              + " --os-image");
    }
    if (out != null && Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " is a directory; name a file");
    }
    Duration deadline = DurationArg.parse(timeout, "--timeout", spec);
    FleetNodes fleet;
    try {
      fleet =
          FleetNodes.read(
              new CapiClusterDirectory(
                  new KubeClients(KubeconfigPolicy.operatorFile(), deadline)
                      .api(management(managementKubeconfig))),
              new KubeNodeSource(new KubeClients(KubeconfigPolicy.strict(), deadline)));
    } catch (KubeException e) {
      // Without the management cluster no cluster is known: nothing to show, not an empty fleet.
      throw new KubeException(
          "Cannot read the fleet's clusters from the management cluster of "
              + managementKubeconfig
              + " ("
              + e.getMessage().lines().findFirst().orElse("no reason given")
              + "). Is it up, and is the kubeconfig current?",
          e);
    }
    PatchMatrix matrix =
        PatchMatrix.of(fleet.listings(), target, fleet.notRead())
            .filter(new MatrixFilter(cluster, behind));
    String written = format.equals("csv") ? MatrixCsv.write(matrix) : MatrixText.write(matrix);
    if (out == null) {
      spec.commandLine().getOut().print(written);
      spec.commandLine().getOut().flush();
    } else {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream file = io.fleetgate.files.OwnerOnly.newOutputStream(out)) {
        file.write(written.getBytes(StandardCharsets.UTF_8));
      }
      spec.commandLine()
          .getErr()
          .printf("Wrote %s (%d cluster(s))%n", out, matrix.clusters().size());
      spec.commandLine().getErr().flush();
    }
    return matrix.complete() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static Kubeconfig management(Path file) {
    try {
      return new Kubeconfig(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the management kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }
}
