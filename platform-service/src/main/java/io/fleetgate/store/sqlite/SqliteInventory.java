package io.fleetgate.store.sqlite;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.inventory.InventoryChange;
import io.fleetgate.inventory.InventoryEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The inventory in table {@code inventory}, keyed by cluster, bundle and object. */
final class SqliteInventory implements Inventory {

  private final SqliteDatabase db;
  private final SqliteAuditLog audit;

  SqliteInventory(SqliteDatabase db, SqliteAuditLog audit) {
    this.db = db;
    this.audit = audit;
  }

  @Override
  public List<InventoryEntry> applied(String cluster) {
    return db.read(
        "read the inventory",
        connection -> {
          List<InventoryEntry> entries = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT bundle, api_group, kind, namespace, name, api_version, content_hash, source"
                      + " FROM inventory WHERE cluster = ?")) {
            select.setString(1, cluster);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                entries.add(
                    new InventoryEntry(
                        row.getString(1),
                        new ObjectRef(
                            row.getString(2), row.getString(3), row.getString(4), row.getString(5)),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8)));
              }
            }
          }
          return entries;
        });
  }

  @Override
  public void commit(String cluster, InventoryChange change, List<AuditEvent> events) {
    if (change.isEmpty() && events.isEmpty()) {
      return;
    }
    db.write(
        "record applied objects and their audit events",
        connection -> {
          forget(cluster, change.forgotten());
          record(cluster, change.recorded());
          audit.insert(events);
          return null;
        });
  }

  @Override
  public java.util.Map<String, Boolean> pruning() {
    return db.read(
        "read the bundles' prune settings",
        connection -> {
          java.util.Map<String, Boolean> pruning = new java.util.TreeMap<>();
          try (PreparedStatement select =
              connection.prepareStatement("SELECT bundle, prune FROM bundle_pruning")) {
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                pruning.put(row.getString(1), row.getInt(2) != 0);
              }
            }
          }
          return pruning;
        });
  }

  @Override
  public void rememberPruning(java.util.Map<String, Boolean> pruning) {
    if (pruning.isEmpty()) {
      return;
    }
    db.write(
        "record the bundles' prune settings",
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO bundle_pruning (bundle, prune) VALUES (?, ?)"
                      + " ON CONFLICT (bundle) DO UPDATE SET prune = excluded.prune")) {
            for (var bundle : pruning.entrySet()) {
              upsert.setString(1, bundle.getKey());
              upsert.setInt(2, bundle.getValue() ? 1 : 0);
              upsert.addBatch();
            }
            upsert.executeBatch();
          }
          return null;
        });
  }

  @Override
  public void rekey(String from, String to) {
    db.write(
        "rename a cluster in the inventory",
        connection -> {
          for (String table :
              java.util.List.of(
                  "inventory",
                  "cluster_results",
                  "object_results",
                  "object_health",
                  "object_events",
                  "policy_fingerprints")) {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE OR IGNORE " + table + " SET cluster = ? WHERE cluster = ?")) {
              update.setString(1, to);
              update.setString(2, from);
              update.executeUpdate();
            }
          }
          return null;
        });
  }

  private void record(String cluster, List<InventoryEntry> entries) throws java.sql.SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
        db.connection()
            .prepareStatement(
                "INSERT OR REPLACE INTO inventory (cluster, bundle, api_group, kind, namespace, name, api_version, content_hash, source)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (InventoryEntry entry : entries) {
        upsert.setString(1, cluster);
        upsert.setString(2, entry.bundle());
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
  }

  private void forget(String cluster, List<InventoryEntry> entries) throws java.sql.SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
        db.connection()
            .prepareStatement(
                "DELETE FROM inventory WHERE cluster = ? AND bundle = ? AND api_group = ?"
                    + " AND kind = ? AND namespace = ? AND name = ?")) {
      for (InventoryEntry entry : entries) {
        delete.setString(1, cluster);
        delete.setString(2, entry.bundle());
        delete.setString(3, entry.ref().group());
        delete.setString(4, entry.ref().kind());
        delete.setString(5, entry.ref().namespace());
        delete.setString(6, entry.ref().name());
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }
}
