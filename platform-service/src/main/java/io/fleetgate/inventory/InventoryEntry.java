package io.fleetgate.inventory;

import io.fleetgate.domain.ObjectRef;

/**
 * One object Fleetgate applied.
 *
 * @param apiVersion the version it was applied with (needed to delete it later)
 * @param contentHash the hash of the content applied
 * @param source where it was declared
 */
public record InventoryEntry(ObjectRef ref, String apiVersion, String contentHash, String source) {}
