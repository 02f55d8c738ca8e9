package io.fleetgate.domain;

import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes object as rendered for one cluster: its identity, the bundle it belongs to, its
 * content (apiVersion, kind, metadata, …) and where in the repository it was declared.
 */
public record RenderedObject(
    ObjectRef ref, String bundle, Map<String, Object> content, SourceLocation source) {

  public RenderedObject {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(source, "source");
  }

  /** Its identity and origin only: object content (Secret data, env values) never reaches text. */
  @Override
  public String toString() {
    return ref + " (bundle " + bundle + ", " + source + ")";
  }

  public String apiVersion() {
    return String.valueOf(content.get("apiVersion"));
  }
}
