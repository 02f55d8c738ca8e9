package io.fleetgate.argocd.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.plan.DesiredObject;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The files of one cluster's rendered tree: for each object the plan would apply, its content as
 * the Kubernetes writer would send it, in canonical JSON (keys sorted, indented, a final newline),
 * at {@code <cluster namespace>/<cluster name>/<bundle>/<group>/<kind>/<namespace>/<name>.json}
 * ({@code core} for the core group, {@code _cluster} for cluster-scoped objects). The same objects
 * always give the same bytes.
 *
 * @param root the cluster's directory, {@code <cluster namespace>/<cluster name>}
 * @param files path (relative to the repository root) to content, sorted by path
 */
public record RenderedTree(String root, SortedMap<String, byte[]> files) {

  /**
   * A DNS-1123 subdomain: what Kubernetes allows as most names, and never {@code .} or {@code ..}.
   */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  /**
   * An object's name: a subdomain, or a path segment name as RBAC objects take them ({@code
   * system:aggregated-metrics-reader}); never {@code /}, never starting with a dot.
   */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9.:]{0,251}[a-z0-9])?");

  /** File names longer than this (with {@code .json}) are shortened: file systems stop at 255. */
  static final int MAX_FILE_NAME = 200;

  private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");

  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.INDENT_OUTPUT, true);

  public RenderedTree {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /**
   * Lays out the objects of one cluster.
   *
   * @throws RenderedTreeException naming the object and where it is declared when a part of its
   *     path is not a Kubernetes name (a name such as {@code ..} or {@code a/b} could otherwise
   *     write outside its directory), when two objects would share a file, or when an object
   *     carries one of Argo CD's own annotations or labels
   */
  public static RenderedTree of(ClusterTarget cluster, Collection<DesiredObject> objects) {
    String root =
        segment(cluster.namespace(), "the cluster's namespace", cluster.toString())
            + "/"
            + segment(cluster.name(), "the cluster's name", cluster.toString());
    TreeMap<String, byte[]> files = new TreeMap<>();
    for (DesiredObject object : objects) {
      refuseArgoCdControls(object);
      String path = root + "/" + path(object);
      if (files.put(path, json(object)) != null) {
        throw new RenderedTreeException(
            object.ref()
                + " (declared at "
                + object.source()
                + ") is declared twice for cluster "
                + cluster
                + ". Remove one of them.");
      }
    }
    return new RenderedTree(root, files);
  }

  /**
   * Argo CD reads annotations and labels under {@code argocd.argoproj.io/} as instructions: hooks
   * it runs and deletes, sync options that replace or force-recreate live objects, waves, and the
   * tracking id that ties an object to an Application. Each would let a manifest decide part of the
   * sync that Fleetgate's plan decides, so an object carrying one is refused (ADR 37).
   */
  private static void refuseArgoCdControls(DesiredObject object) {
    if (!(object.content().get("metadata") instanceof java.util.Map<?, ?> metadata)) {
      return;
    }
    for (String where : java.util.List.of("annotations", "labels")) {
      if (metadata.get(where) instanceof java.util.Map<?, ?> marks) {
        for (Object mark : marks.keySet()) {
          String text = String.valueOf(mark);
          String key = text.toLowerCase(java.util.Locale.ROOT);
          if (key.startsWith(ARGO_CD_PREFIX)
              || (where.equals("annotations") && key.startsWith(HELM_HOOK))) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
            String singular = where.substring(0, where.length() - 1);
            throw new RenderedTreeException(
                (object.ref()
                        + " (declared at "
                        + object.source()
                        + ") carries the "
                        + singular
                        + " \""
                        + shown
                        + "\". Through the argocd driver Fleetgate plans every sync itself (order,"
                        + " pruning, which Application owns an object), and Argo CD would follow"
                        + " the "
                        + singular
                        + " instead. Remove it.")
                    .replaceAll("\\p{Cntrl}", "?"));
          }
        }
      }
    }
  }

  private static final String ARGO_CD_PREFIX = "argocd.argoproj.io/";

  /** {@code helm.sh/hook}, {@code helm.sh/hook-weight}, …: Argo CD runs such objects as hooks. */
  private static final String HELM_HOOK = "helm.sh/hook";

  /** The directory of one bundle, relative to the repository root: an Application's path. */
  public String bundlePath(String bundle) {
    return root + "/" + segment(bundle, "the bundle name", bundle);
  }

  private static String path(DesiredObject object) {
    ObjectRef ref = object.ref();
    String where = ref + " (declared at " + object.source() + ")";
    String group = ref.group().isEmpty() ? "core" : segment(ref.group(), "the API group", where);
    if (!KIND.matcher(ref.kind()).matches()) {
      throw invalid(ref.kind(), "the kind", where);
    }
    String namespace =
        ref.namespace().isEmpty() ? "_cluster" : segment(ref.namespace(), "the namespace", where);
    return String.join(
        "/",
        segment(object.bundle(), "the bundle name", where),
        group,
        ref.kind(),
        namespace,
        fileName(ref.name(), where));
  }

  /**
   * {@code <name>.json}; a name too long for a file name keeps its first 178 characters and gets
   * {@code -} and 16 hex digits of its SHA-256, so two long names never share a file.
   */
  private static String fileName(String name, String where) {
    if (!OBJECT_NAME.matcher(name).matches()) {
      throw invalid(name, "the name", where);
    }
    if (name.length() + 5 <= MAX_FILE_NAME) {
      return name + ".json";
    }
    try {
      String hash =
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(name.getBytes(StandardCharsets.UTF_8)))
              .substring(0, 16);
      return name.substring(0, MAX_FILE_NAME - 22) + "-" + hash + ".json";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String segment(String value, String what, String where) {
    if (!NAME.matcher(value).matches()) {
      throw invalid(value, what, where);
    }
    return value;
  }

  private static RenderedTreeException invalid(String value, String what, String where) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    String message =
        where
            + ": "
            + what
            + " \""
            + shown
            + "\" is not a Kubernetes name (lower-case letters, digits, '-' and '.', starting and"
            + " ending with a letter or digit). Rename it; the Argo CD driver writes each object"
            + " to a file named after it.";
    return new RenderedTreeException(message.replaceAll("\\p{Cntrl}", "?"));
  }

  private static byte[] json(DesiredObject object) {
    try {
      String text = CANONICAL.writeValueAsString(new TreeMap<>(object.content()));
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new RenderedTreeException(
          object.ref() + " (declared at " + object.source() + ") cannot be written as JSON.", e);
    }
  }

  /** Paths and sizes only: object content (Secret data) never reaches text. */
  @Override
  public String toString() {
    return "RenderedTree[" + root + ", " + files.size() + " file(s)]";
  }
}
