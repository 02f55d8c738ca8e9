package io.fleetgate.cli;

import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.netpol.ManifestProblem;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpolsource.LiveCluster;
import io.fleetgate.netpolsource.NetworkSources;
import io.fleetgate.render.Kustomize;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.tools.ToolCache;
import io.fleetgate.tools.ToolException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code fleetgate netpol} reads its model: one of a directory, a rendered cluster, live. */
final class NetpolSource {

  @Option(
      names = "--dir",
      paramLabel = "PATH",
      description = "A plain directory of manifests (subdirectories included).")
  Path dir;

  @Option(
      names = "--repo",
      paramLabel = "PATH",
      description = "A fleet repository working copy, rendered for --cluster.")
  Path repo;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "With --repo: the cluster (<cluster>/cluster.yaml) to render for.")
  String cluster;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "A live cluster: its namespaces, workloads and NetworkPolicies.")
  Path kubeconfig;

  /**
   * Reads the model.
   *
   * @throws IllegalArgumentException when the options do not name exactly one source
   */
  ModelRead read() throws IOException {
    int given = (dir != null ? 1 : 0) + (repo != null ? 1 : 0) + (kubeconfig != null ? 1 : 0);
    if (given != 1) {
      throw new IllegalArgumentException(
          "give exactly one of --dir PATH, --repo PATH --cluster NAME or --kubeconfig FILE");
    }
    if (dir != null) {
      return NetworkSources.directory(dir);
    }
    if (repo != null) {
      if (cluster == null) {
        throw new IllegalArgumentException(
            "--repo needs --cluster NAME: the cluster to render for");
      }
      if (!Files.isDirectory(repo)) {
        throw new IllegalArgumentException("--repo " + repo + " is not a directory");
      }
      return NetworkSources.rendered(repo, cluster, renderer());
    }
    String content;
    try {
      content = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
    }
    return LiveCluster.read(
        new KubeClients(KubeconfigPolicy.operatorFile())
            .api(new Kubeconfig(kubeconfig.toString(), content)));
  }

  /** The renderer {@code validate} uses, with kustomize when it is installed. */
  static Renderer renderer() {
    Path kustomize;
    try {
      kustomize = ToolCache.locate().executable("kustomize");
    } catch (ToolException e) {
      kustomize = null;
    }
    return new Renderer(ManifestLimits.defaults(), new Kustomize(kustomize));
  }

  /**
   * Prints the problems and says whether there were any: an analysis of a model with problems is
   * incomplete, so the commands refuse to present it.
   */
  static boolean refuse(ModelRead read, PrintWriter err) {
    for (ManifestProblem problem : read.problems()) {
      err.println("fleetgate: " + problem);
    }
    if (!read.ok()) {
      err.println(
          "fleetgate: "
              + read.problems().size()
              + " object(s) cannot be read; fix them, since a partial analysis would be wrong evidence");
      err.flush();
    }
    return !read.ok();
  }
}
