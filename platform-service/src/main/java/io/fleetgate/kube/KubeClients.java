package io.fleetgate.kube;

import io.fleetgate.domain.Kubeconfig;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Builds API clients from kubeconfigs after checking them against a {@link KubeconfigPolicy}. */
public final class KubeClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The deadline of one whole call — connecting, sending, and reading the full answer — so that a
   * server that answers a byte at a time never holds a sync past it.
   */
  public static final Duration CALL_DEADLINE = Duration.ofSeconds(60);

  private static final int MAX_KUBECONFIG_CHARS = 1 << 20;

  private final KubeconfigPolicy policy;
  private final Duration callDeadline;

  public KubeClients(KubeconfigPolicy policy) {
    this(policy, CALL_DEADLINE);
  }

  /**
   * @param callDeadline the deadline of one whole call (see {@link #CALL_DEADLINE})
   */
  public KubeClients(KubeconfigPolicy policy, Duration callDeadline) {
    if (callDeadline.isNegative() || callDeadline.isZero()) {
      throw new IllegalArgumentException("a call deadline must be positive");
    }
    this.policy = policy;
    this.callDeadline = callDeadline;
  }

  /**
   * Returns a client for the kubeconfig's current context.
   *
   * @throws KubeException when the kubeconfig is malformed or asks for something the policy
   *     refuses; the message names the kubeconfig's source and the remedy
   */
  public ApiClient connect(Kubeconfig kubeconfig) {
    checkPolicy(kubeconfig);
    try {
      KubeConfig config = KubeConfig.loadKubeConfig(new StringReader(kubeconfig.content()));
      ApiClient client = ClientBuilder.kubeconfig(config).setReadTimeout(READ_TIMEOUT).build();
      client.setHttpClient(
          client
              .getHttpClient()
              .newBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .callTimeout(callDeadline)
              .build());
      return client;
    } catch (IOException | RuntimeException e) {
      throw new KubeException(
          "Cannot use the kubeconfig from " + kubeconfig.source() + ": " + e.getMessage(), e);
    }
  }

  /** A generic API for the kubeconfig's current context; see {@link #connect}. */
  public ClusterApi api(Kubeconfig kubeconfig) {
    return new ClusterApi(connect(kubeconfig));
  }

  private void checkPolicy(Kubeconfig kubeconfig) {
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
        if (cluster.containsKey("proxy-url")) {
          throw refused(
              kubeconfig,
              "clusters[].cluster.proxy-url",
              "routes the cluster's traffic through a proxy the kubeconfig chooses");
        }
      }
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
  private static List<Map<String, Object>> entries(
      Map<String, Object> root, String list, String key) {
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
