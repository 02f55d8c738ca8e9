package io.fleetgate.kube;

import io.fleetgate.domain.Kubeconfig;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rules of a {@link KubeconfigPolicy}, applied to a kubeconfig's text before anything uses it:
 * its size, YAML that is safe to load, and the fields the policy refuses. Messages name the
 * kubeconfig's source and the field, never a value.
 */
final class KubeconfigChecks {

  static final int MAX_KUBECONFIG_CHARS = 1 << 20;

  private KubeconfigChecks() {}

  /**
   * Checks the kubeconfig against the policy and returns it parsed.
   *
   * @throws KubeException naming the source, the field and the remedy
   */
  static Map<String, Object> check(Kubeconfig kubeconfig, KubeconfigPolicy policy) {
    if (kubeconfig.content().length() > MAX_KUBECONFIG_CHARS) {
      throw new KubeException("The kubeconfig from " + kubeconfig.source() + " exceeds 1 MiB");
    }
    Map<String, Object> root = parse(kubeconfig);
    for (Map<String, Object> user : entries(root, "users", "user")) {
      if (!policy.allowExecPlugins()
          && (user.containsKey("exec") || user.containsKey("auth-provider"))) {
        throw new KubeException(
            "The kubeconfig from "
                + kubeconfig.source()
                + " uses a credential plugin (exec or auth-provider), which Fleetgate refuses by"
                + " default. Use a token or client certificate, or allow plugins explicitly.");
      }
    }
    for (Map<String, Object> user : entries(root, "users", "user")) {
      for (String field : List.of("as", "as-uid", "as-groups", "as-user-extra")) {
        if (!policy.allowLocalFiles() && user.containsKey(field)) {
          throw refused(
              kubeconfig,
              "users[].user." + field,
              "impersonates another identity, which a kubeconfig from a Secret may not: the"
                  + " credentials would act with their own, broader rights wherever impersonation"
                  + " is not applied. Issue a credential for that identity instead");
        }
      }
      for (String field : List.of("tokenFile", "client-certificate", "client-key")) {
        if (!policy.allowLocalFiles() && user.containsKey(field)) {
          throw refused(kubeconfig, "users[].user." + field, LOCAL_FILE);
        }
      }
    }
    for (Map<String, Object> cluster : entries(root, "clusters", "cluster")) {
      if (!policy.allowInsecureTls()
          && Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"))) {
        throw new KubeException(
            "The kubeconfig from "
                + kubeconfig.source()
                + " disables TLS verification (insecure-skip-tls-verify), which Fleetgate refuses"
                + " by default. Add certificate-authority-data, or allow insecure TLS explicitly.");
      }
      if (!policy.allowLocalFiles() && cluster.containsKey("certificate-authority")) {
        throw refused(kubeconfig, "clusters[].cluster.certificate-authority", LOCAL_FILE);
      }
      if (!policy.allowPlainHttp()) {
        Object server = cluster.get("server");
        if (server != null
            && !String.valueOf(server)
                .strip()
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("https://")) {
          throw refused(
              kubeconfig,
              "clusters[].cluster.server",
              "is not an https:// URL; Fleetgate talks to API servers over TLS only");
        }
        if (server != null) {
          checkServerUrl(kubeconfig, String.valueOf(server).strip());
        }
        if (cluster.containsKey("proxy-url")) {
          throw refused(
              kubeconfig,
              "clusters[].cluster.proxy-url",
              "routes the cluster's traffic through a proxy the kubeconfig chooses");
        }
      }
    }
    return root;
  }

  /**
   * A server URL names a host, and a port and path at most: credentials in it (a user part) would
   * be sent as basic auth by some clients and shown wherever the URL is; a query or fragment has no
   * meaning for an API server.
   */
  private static void checkServerUrl(Kubeconfig kubeconfig, String server) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(server);
    } catch (java.net.URISyntaxException e) {
      throw refused(kubeconfig, "clusters[].cluster.server", "is not a valid URL");
    }
    if (uri.getRawUserInfo() != null || server.contains("@")) {
      throw refused(
          kubeconfig,
          "clusters[].cluster.server",
          "carries a user part (user:password@); put the credential in the user entry instead");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getHost() == null) {
      throw refused(
          kubeconfig,
          "clusters[].cluster.server",
          "must be https://host[:port][/path], without a query or fragment");
    }
  }

  private static final String LOCAL_FILE =
      "names a file on Fleetgate's host, which a kubeconfig from a Secret may not read; embed the"
          + " value instead (token, client-certificate-data, client-key-data,"
          + " certificate-authority-data)";

  /** Names the source and the field, never the field's value. */
  private static KubeException refused(Kubeconfig kubeconfig, String field, String why) {
    return new KubeException(
        "The kubeconfig from " + kubeconfig.source() + ": " + field + " " + why);
  }

  private static Map<String, Object> parse(Kubeconfig kubeconfig) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(30);
    options.setCodePointLimit(MAX_KUBECONFIG_CHARS);
    try {
      Object loaded = new Yaml(new SafeConstructor(options)).load(kubeconfig.content());
      if (loaded instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        return root;
      }
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      // The parser's message quotes the offending line, which may hold a credential.
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new KubeException(
          "The kubeconfig from " + kubeconfig.source() + " is not valid YAML (line " + line + ")");
    } catch (RuntimeException e) {
      throw new KubeException(
          "The kubeconfig from "
              + kubeconfig.source()
              + " cannot be read as YAML ("
              + e.getClass().getSimpleName()
              + ")");
    }
    throw new KubeException(
        "The kubeconfig from " + kubeconfig.source() + " is not a YAML mapping");
  }

  /** The inner maps of a kubeconfig list such as {@code users[].user}. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> entries(Map<String, Object> root, String list, String key) {
    if (!(root.get(list) instanceof List<?> items)) {
      return List.of();
    }
    return items.stream()
        .filter(Map.class::isInstance)
        .map(item -> ((Map<String, Object>) item).get(key))
        .filter(Map.class::isInstance)
        .map(inner -> (Map<String, Object>) inner)
        .toList();
  }
}
