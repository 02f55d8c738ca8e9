package io.fleetgate.plan;

import io.fleetgate.domain.ObjectRef;
import java.util.Map;
import java.util.Objects;

/**
 * A rendered object as Fleetgate sends it to one cluster: namespace resolved for its kind,
 * Fleetgate's label and annotations added, and the hash of that content.
 *
 * @param ref its identity in the cluster (namespace defaulted for namespaced kinds)
 * @param content the whole object as sent, including the content-hash annotation
 * @param source where in the repository it is declared
 */
public record DesiredObject(
    ObjectRef ref,
    String bundle,
    String apiVersion,
    Map<String, Object> content,
    String hash,
    String source) {

  public DesiredObject {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(source, "source");
  }

  /** Its identity and origin only: object content never reaches messages or logs. */
  @Override
  public String toString() {
    return ref + " (bundle " + bundle + ", " + source + ")";
  }
}
