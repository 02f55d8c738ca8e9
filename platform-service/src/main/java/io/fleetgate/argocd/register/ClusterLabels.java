package io.fleetgate.argocd.register;

import io.fleetgate.domain.ClusterTarget;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The labels of a cluster Secret: the CAPI Cluster's own, so that an ApplicationSet's cluster
 * generator selects on them as bundles do, and Fleetgate's, which say that Fleetgate made the
 * Secret and for which cluster. A CAPI label is copied only when its key and value are valid label
 * syntax and its key is not one Fleetgate or Argo CD reserves, so no Cluster can make its Secret
 * look hand-made, registered for another cluster, or not a cluster Secret.
 */
public final class ClusterLabels {

  /**
   * Argo CD reads a Secret as a cluster's when it carries this label with value {@code cluster}.
   */
  public static final String SECRET_TYPE = "argocd.argoproj.io/secret-type";

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "fleetgate";
  public static final String CLUSTER_NAMESPACE = "fleetgate.io/cluster-namespace";
  public static final String CLUSTER_NAME = "fleetgate.io/cluster-name";

  /** Annotation listing the CAPI label keys copied, so a label the Cluster drops is removed. */
  public static final String COPIED_ANNOTATION = "fleetgate.io/copied-labels";

  private static final Pattern NAME =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");
  private static final Pattern VALUE =
      Pattern.compile("(([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?)");
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private ClusterLabels() {}

  /**
   * The labels for a cluster's Secret.
   *
   * @param dropped receives the keys of the CAPI labels not copied
   */
  static Map<String, String> of(ClusterTarget target, List<String> copied, List<String> dropped) {
    Map<String, String> labels = new TreeMap<>();
    for (var label : new TreeMap<>(target.labels()).entrySet()) {
      if (reserved(label.getKey()) || !validKey(label.getKey()) || !validValue(label.getValue())) {
        dropped.add(label.getKey());
      } else {
        labels.put(label.getKey(), label.getValue());
        copied.add(label.getKey());
      }
    }
    labels.put(SECRET_TYPE, "cluster");
    labels.put(MANAGED_BY, MANAGER);
    labels.put(CLUSTER_NAMESPACE, target.namespace());
    labels.put(CLUSTER_NAME, target.name());
    return labels;
  }

  /**
   * Fleetgate's own keys and every key under {@code fleetgate.io/} or {@code argocd.argoproj.io/}.
   */
  static boolean reserved(String key) {
    return key.equals(MANAGED_BY)
        || key.startsWith("fleetgate.io/")
        || key.startsWith("argocd.argoproj.io/");
  }

  /** A label key: an optional DNS subdomain prefix of at most 253 characters, a slash, a name. */
  static boolean validKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !PREFIX.matcher(prefix).matches()) {
        return false;
      }
    }
    return name.length() <= 63 && NAME.matcher(name).matches();
  }

  /** A label value: at most 63 characters, empty or alphanumerics at both ends. */
  static boolean validValue(String value) {
    return value != null && value.length() <= 63 && VALUE.matcher(value).matches();
  }
}
