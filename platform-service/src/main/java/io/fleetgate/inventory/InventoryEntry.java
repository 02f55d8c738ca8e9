package io.fleetgate.inventory;

import io.fleetgate.domain.ObjectRef;
import java.util.Objects;

/**
 * One object Fleetgate applied to a cluster, and the bundle that owns it there.
 *
 * @param apiVersion the version it was applied with (needed to read or delete it later)
 * @param contentHash the hash of the content applied
 * @param source where it was declared
 */
public record InventoryEntry(
    String bundle, ObjectRef ref, String apiVersion, String contentHash, String source) {

  public InventoryEntry {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(source, "source");
  }
}
