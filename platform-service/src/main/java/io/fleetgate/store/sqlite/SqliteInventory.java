package io.fleetgate.store.sqlite;

import io.fleetgate.domain.ObjectRef;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.inventory.InventoryEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The inventory in table {@code inventory}, keyed by cluster, bundle and object. */
final class SqliteInventory implements Inventory {

  private final SqliteDatabase db;

  SqliteInventory(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Map<ObjectRef, InventoryEntry> applied(String cluster, String bundle) {
    return db.read(
        "read the inventory",
        () -> {
          Map<ObjectRef, InventoryEntry> entries = new LinkedHashMap<>();
          try (PreparedStatement select =
              db.connection()
                  .prepareStatement(
                      "SELECT api_group, kind, namespace, name, api_version, content_hash, source FROM inventory WHERE cluster = ? AND bundle = ?")) {
            select.setString(1, cluster);
            select.setString(2, bundle);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                ObjectRef ref =
                    new ObjectRef(
                        row.getString(1), row.getString(2), row.getString(3), row.getString(4));
                entries.put(
                    ref,
                    new InventoryEntry(ref, row.getString(5), row.getString(6), row.getString(7)));
              }
            }
          }
          return entries;
        });
  }

  @Override
  public void recordApplied(String cluster, String bundle, Collection<InventoryEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    db.write(
        "record applied objects",
        () -> {
          try (PreparedStatement upsert =
              db.connection()
                  .prepareStatement(
                      "INSERT OR REPLACE INTO inventory (cluster, bundle, api_group, kind, namespace, name, api_version, content_hash, source)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (InventoryEntry entry : entries) {
              upsert.setString(1, cluster);
              upsert.setString(2, bundle);
              upsert.setString(3, entry.ref().group());
              upsert.setString(4, entry.ref().kind());
              upsert.setString(5, entry.ref().namespace());
              upsert.setString(6, entry.ref().name());
              upsert.setString(7, entry.apiVersion());
              upsert.setString(8, entry.contentHash());
              upsert.setString(9, entry.source());
              upsert.addBatch();
            }
            upsert.executeBatch();
          }
          return null;
        });
  }

  @Override
  public void forget(String cluster, String bundle, Collection<ObjectRef> refs) {
    if (refs.isEmpty()) {
      return;
    }
    db.write(
        "forget pruned objects",
        () -> {
          try (PreparedStatement delete =
              db.connection()
                  .prepareStatement(
                      "DELETE FROM inventory WHERE cluster = ? AND bundle = ? AND api_group = ? AND kind = ? AND namespace = ? AND name = ?")) {
            for (ObjectRef ref : refs) {
              delete.setString(1, cluster);
              delete.setString(2, bundle);
              delete.setString(3, ref.group());
              delete.setString(4, ref.kind());
              delete.setString(5, ref.namespace());
              delete.setString(6, ref.name());
              delete.addBatch();
            }
            delete.executeBatch();
          }
          return null;
        });
  }
}
