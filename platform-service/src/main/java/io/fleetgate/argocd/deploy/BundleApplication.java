package io.fleetgate.argocd.deploy;

import io.fleetgate.domain.ClusterTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The Argo CD Application that syncs one bundle of one cluster from the rendered tree, pinned to a
 * rendered commit: Fleetgate triggers its syncs, so it has no automated sync policy. Its
 * destination is the cluster's name in Argo CD, {@code <namespace>/<name>}, which only Fleetgate's
 * own registration gives (docs/argocd.md), never a server URL: a Cluster whose kubeconfig names
 * another cluster's server would otherwise be synced with that cluster's registration.
 *
 * @param name unique per cluster (namespace and name) and bundle, at most 63 characters
 * @param labels Fleetgate's labels, by which it lists and owns its Applications
 * @param repoUrl the repository holding the rendered tree
 * @param path the bundle's directory in that tree
 * @param revision the rendered commit id, never a branch name
 * @param destination the cluster's name in Argo CD, {@code <namespace>/<name>}
 */
public record BundleApplication(
    String name,
    Map<String, String> labels,
    String repoUrl,
    String path,
    String revision,
    String destination) {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String BUNDLE = "fleetgate.io/bundle";
  public static final String CLUSTER_NAMESPACE = "fleetgate.io/cluster-namespace";
  public static final String CLUSTER_NAME = "fleetgate.io/cluster-name";

  private static final int MAX_NAME = 63;

  public BundleApplication {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(repoUrl, "repoUrl");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(destination, "destination");
    if (!revision.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "An Application is pinned to a commit id, not \"" + revision + "\"");
    }
  }

  /** The Application of {@code bundle} on {@code cluster}, at {@code revision} of the tree. */
  public static BundleApplication of(
      ClusterTarget cluster, String bundle, RenderedTree tree, String repoUrl, String revision) {
    return new BundleApplication(
        name(cluster, bundle),
        Map.of(
            MANAGED_BY,
            "fleetgate",
            BUNDLE,
            bundle,
            CLUSTER_NAMESPACE,
            cluster.namespace(),
            CLUSTER_NAME,
            cluster.name()),
        repoUrl,
        tree.bundlePath(bundle),
        revision,
        cluster.namespace() + "/" + cluster.name());
  }

  /**
   * {@code <cluster namespace>-<cluster name>-<bundle>}, cut to 52 characters, then {@code -} and
   * ten hex digits of the SHA-256 of the three parts. The hash is always there: joined with dashes
   * alone, namespace {@code a-b} with cluster {@code c} and namespace {@code a} with cluster {@code
   * b-c} would share a name.
   */
  static String name(ClusterTarget cluster, String bundle) {
    String hash =
        sha256(cluster.namespace() + "\n" + cluster.name() + "\n" + bundle).substring(0, 10);
    String start = (cluster.namespace() + "-" + cluster.name() + "-" + bundle).replace('.', '-');
    start = start.substring(0, Math.min(start.length(), MAX_NAME - 11));
    while (start.endsWith("-")) {
      start = start.substring(0, start.length() - 1);
    }
    return start + "-" + hash;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
