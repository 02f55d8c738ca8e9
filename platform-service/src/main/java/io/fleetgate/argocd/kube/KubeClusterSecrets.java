package io.fleetgate.argocd.kube;

import com.google.gson.JsonElement;
import io.fleetgate.argocd.register.ClusterLabels;
import io.fleetgate.argocd.register.ClusterSecret;
import io.fleetgate.argocd.register.ClusterSecrets;
import io.fleetgate.argocd.register.DesiredSecret;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeException;
import io.fleetgate.kube.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo CD's cluster Secrets on the management cluster. Writes are server-side applies as {@value
 * #FIELD_MANAGER}: a create never takes over a Secret that exists (it is refused), an update
 * carries the resourceVersion it was planned against (a Secret changed meanwhile is refused by the
 * server), and a delete is preconditioned on the uid and resourceVersion read.
 */
public final class KubeClusterSecrets implements ClusterSecrets {

  public static final String FIELD_MANAGER = "fleetgate-argocd";

  static final GroupVersionKind SECRET = new GroupVersionKind("", "v1", "Secret");
  static final GroupVersionKind NAMESPACE = new GroupVersionKind("", "v1", "Namespace");

  private final ClusterApi management;
  private final String namespace;

  public KubeClusterSecrets(ClusterApi management, String namespace) {
    this.management = management;
    this.namespace = namespace;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  /**
   * @throws KubeException also when Argo CD's namespace does not exist: nothing could be registered
   */
  @Override
  public List<ClusterSecret> list() {
    if (management.get(NAMESPACE, null, namespace).isEmpty()) {
      throw new KubeException(
          "The management cluster at "
              + management.server()
              + " has no namespace "
              + namespace
              + " for Argo CD's cluster Secrets: install Argo CD there, or name its namespace"
              + " with --argocd-namespace");
    }
    return management.list(SECRET, namespace, ClusterLabels.SECRET_TYPE + "=cluster").stream()
        .map(KubeClusterSecrets::read)
        .toList();
  }

  @Override
  public Write create(DesiredSecret secret) {
    try {
      if (management.get(SECRET, namespace, secret.name()).isPresent()) {
        return new Write.Refused(
            "a Secret "
                + namespace
                + "/"
                + secret.name()
                + " exists already and is not a cluster Secret Fleetgate made; rename or remove it");
      }
      management.applyAs(FIELD_MANAGER, body(secret, null), false);
      return new Write.Done();
    } catch (KubeException e) {
      return refused("create", secret.name(), e);
    }
  }

  @Override
  public Write update(ClusterSecret existing, DesiredSecret secret) {
    try {
      management.applyAs(FIELD_MANAGER, body(secret, existing.resourceVersion()), true);
      return new Write.Done();
    } catch (KubeException e) {
      return refused("update", existing.name(), e);
    }
  }

  @Override
  public Write delete(ClusterSecret existing) {
    try {
      return switch (management.deleteUnchanged(
          SECRET, namespace, existing.name(), existing.uid(), existing.resourceVersion())) {
        case DELETED, GONE -> new Write.Done();
        case CHANGED ->
            new Write.Refused(
                "Secret "
                    + namespace
                    + "/"
                    + existing.name()
                    + " changed since it was read (another uid or resourceVersion); it is kept"
                    + " and the next run decides again");
      };
    } catch (KubeException e) {
      return refused("delete", existing.name(), e);
    }
  }

  private Write refused(String action, String name, KubeException e) {
    if (e.httpStatus() == 409) {
      return new Write.Refused(
          "Secret "
              + namespace
              + "/"
              + name
              + " changed since it was read or is applied by another manager; the next run"
              + " decides again");
    }
    return new Write.Refused(
        "Cannot " + action + " Secret " + namespace + "/" + name + ": " + e.getMessage());
  }

  private Map<String, Object> body(DesiredSecret secret, String resourceVersion) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", secret.name());
    metadata.put("namespace", namespace);
    if (resourceVersion != null) {
      // Server-side apply treats a resourceVersion as a precondition.
      metadata.put("resourceVersion", resourceVersion);
    }
    metadata.put("labels", secret.labels());
    metadata.put(
        "annotations",
        Map.of(ClusterLabels.COPIED_ANNOTATION, String.join(",", secret.copiedLabels())));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", base64(secret.clusterName()));
    data.put("server", base64(secret.connection().server()));
    data.put("config", base64(ConfigJson.write(secret.connection().config())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("apiVersion", "v1");
    body.put("kind", "Secret");
    body.put("metadata", metadata);
    body.put("type", "Opaque");
    body.put("data", data);
    return body;
  }

  static ClusterSecret read(KubeObject secret) {
    Map<String, String> labels = new LinkedHashMap<>();
    secret
        .at("metadata", "labels")
        .filter(JsonElement::isJsonObject)
        .ifPresent(
            json ->
                json.getAsJsonObject()
                    .entrySet()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().getAsString())));
    List<String> copied =
        secret
            .annotation(ClusterLabels.COPIED_ANNOTATION)
            .map(keys -> Arrays.stream(keys.split(",")).filter(k -> !k.isBlank()).toList())
            .orElse(List.of());
    Optional<String> config = data(secret, "config");
    return new ClusterSecret(
        secret.name(),
        secret.uid(),
        secret.text("metadata", "resourceVersion").orElse(""),
        labels,
        copied,
        data(secret, "name").orElse(""),
        data(secret, "server").orElse(""),
        config.flatMap(ConfigJson::read));
  }

  private static Optional<String> data(KubeObject secret, String key) {
    return secret
        .text("data", key)
        .flatMap(
            encoded -> {
              try {
                return Optional.of(
                    new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            });
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
