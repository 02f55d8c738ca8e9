package io.fleetgate.kube;

import io.fleetgate.domain.Kubeconfig;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the credentials of a kubeconfig's current context so that another program can use them
 * without the file: the server, its CA, and a token or a client certificate and key, all inline.
 *
 * <p>The kubeconfig is first held to {@link KubeconfigPolicy#strict()}, the rules every kubeconfig
 * from a Secret meets before Fleetgate connects with it (no plugins, no local files, no disabled
 * TLS verification, https only, no proxy): what Fleetgate would not use itself it does not hand on.
 */
public final class KubeconfigCredentials {

  private KubeconfigCredentials() {}

  /**
   * @throws KubeException naming the kubeconfig's source, the field and the remedy, never a value
   */
  public static InlineCredentials read(Kubeconfig kubeconfig) {
    Map<String, Object> root = KubeconfigChecks.check(kubeconfig, KubeconfigPolicy.strict());
    String context = text(root, "current-context");
    if (context.isEmpty()) {
      throw refused(kubeconfig, "current-context", "is not set; name the context to use");
    }
    Map<String, Object> contextEntry =
        named(root, "contexts", "context", context)
            .orElseThrow(
                () ->
                    refused(
                        kubeconfig,
                        "current-context",
                        "names a context that contexts[] does not hold"));
    Map<String, Object> cluster =
        named(root, "clusters", "cluster", text(contextEntry, "cluster"))
            .orElseThrow(
                () ->
                    refused(
                        kubeconfig,
                        "contexts[].context.cluster",
                        "names a cluster that clusters[] does not hold"));
    Map<String, Object> user =
        named(root, "users", "user", text(contextEntry, "user"))
            .orElseThrow(
                () ->
                    refused(
                        kubeconfig,
                        "contexts[].context.user",
                        "names a user that users[] does not hold"));
    String server = text(cluster, "server");
    if (server.isEmpty()) {
      throw refused(kubeconfig, "clusters[].cluster.server", "is missing");
    }
    if (user.containsKey("username") || user.containsKey("password")) {
      throw refused(
          kubeconfig,
          "users[].user.username/password",
          "is basic authentication, which Kubernetes API servers no longer accept; use a token or"
              + " a client certificate");
    }
    String caData = base64(kubeconfig, cluster, "certificate-authority-data");
    String certData = base64(kubeconfig, user, "client-certificate-data");
    String keyData = base64(kubeconfig, user, "client-key-data");
    String token = text(user, "token");
    if (certData.isEmpty() != keyData.isEmpty()) {
      throw refused(
          kubeconfig,
          "users[].user",
          "has a client certificate without its key or a key without its certificate; give both"
              + " client-certificate-data and client-key-data");
    }
    if (token.isEmpty() && certData.isEmpty()) {
      throw refused(
          kubeconfig,
          "users[].user",
          "holds no credential; give a token or client-certificate-data and client-key-data");
    }
    return new InlineCredentials(
        server.strip(), caData, text(cluster, "tls-server-name"), certData, keyData, token);
  }

  private static String base64(Kubeconfig kubeconfig, Map<String, Object> entry, String field) {
    String value = text(entry, field).replaceAll("\\s", "");
    if (value.isEmpty()) {
      return "";
    }
    try {
      Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw refused(kubeconfig, field, "is not base64; embed the PEM file's base64 encoding");
    }
    return value;
  }

  private static Optional<Map<String, Object>> named(
      Map<String, Object> root, String list, String key, String name) {
    if (name.isEmpty() || !(root.get(list) instanceof List<?> items)) {
      return Optional.empty();
    }
    for (Object item : items) {
      if (item instanceof Map<?, ?> entry
          && name.equals(String.valueOf(entry.get("name")))
          && entry.get(key) instanceof Map<?, ?> inner) {
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) inner;
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private static String text(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value instanceof String || value instanceof Number ? String.valueOf(value) : "";
  }

  private static KubeException refused(Kubeconfig kubeconfig, String field, String why) {
    return new KubeException(
        "The kubeconfig from " + kubeconfig.source() + ": " + field + " " + why);
  }
}
