package io.fleetgate.store.sqlite;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.rollout.ClusterStep;
import io.fleetgate.rollout.RolloutPhase;
import io.fleetgate.rollout.RolloutState;
import io.fleetgate.rollout.RolloutTarget;
import io.fleetgate.rollout.run.RolloutAudit;
import io.fleetgate.rollout.run.RolloutRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rollouts in tables {@code rollouts}, {@code rollout_clusters} and {@code rollout_approvals}; a
 * save and its audit rows commit in one transaction, and only over the version the caller read.
 */
final class SqliteRollouts implements RolloutRecords {

  private final SqliteDatabase db;
  private final SqliteAuditLog audit;

  SqliteRollouts(SqliteDatabase db, SqliteAuditLog audit) {
    this.db = db;
    this.audit = audit;
  }

  @Override
  public Optional<Stored> load(String rollout) {
    return db.read("read rollout " + rollout, connection -> load(connection, rollout));
  }

  @Override
  public List<Stored> all() {
    return db.read(
        "read every rollout",
        connection -> {
          List<String> names = new ArrayList<>();
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT name FROM rollouts ORDER BY name");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              names.add(row.getString(1));
            }
          }
          List<Stored> all = new ArrayList<>();
          for (String name : names) {
            load(connection, name).ifPresent(all::add);
          }
          return all;
        });
  }

  @Override
  public boolean save(RolloutState state, String target, long version, List<AuditEvent> events) {
    return db.write(
        "record rollout " + state.rollout() + " and its audit events",
        connection -> {
          long stored = version(connection, state.rollout());
          if (stored != version) {
            return false;
          }
          writeState(connection, state, target, version + 1);
          audit.insert(events);
          return true;
        });
  }

  @Override
  public List<Step> recent(String rollout, int limit) {
    return db.read(
        "read the steps of rollout " + rollout,
        connection -> {
          List<Step> steps = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT time, kind, cluster, detail FROM audit_log WHERE object = ?"
                      + " ORDER BY sequence DESC LIMIT ?")) {
            select.setString(1, RolloutAudit.object(rollout));
            select.setInt(2, limit);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                String kind = row.getString(2);
                String detail = row.getString(4);
                String wave = "";
                if (detail.startsWith("wave ") && detail.indexOf(": ") > 5) {
                  wave = detail.substring(5, detail.indexOf(": "));
                  detail = detail.substring(detail.indexOf(": ") + 2);
                }
                steps.add(
                    new Step(
                        Instant.parse(row.getString(1)),
                        kind.startsWith(RolloutAudit.KIND_PREFIX)
                            ? kind.substring(RolloutAudit.KIND_PREFIX.length())
                            : kind,
                        wave,
                        row.getString(3),
                        detail));
              }
            }
          }
          return steps;
        });
  }

  private static long version(Connection connection, String rollout) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT version FROM rollouts WHERE name = ?")) {
      select.setString(1, rollout);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    }
  }

  private static void writeState(
      Connection connection, RolloutState state, String target, long version) throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO rollouts (name, version, target, phase, wave, wave_status, soak_until,"
                + " reason, since, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET version = excluded.version,"
                + " target = excluded.target, phase = excluded.phase, wave = excluded.wave,"
                + " wave_status = excluded.wave_status, soak_until = excluded.soak_until,"
                + " reason = excluded.reason, since = excluded.since, updated = excluded.updated")) {
      upsert.setString(1, state.rollout());
      upsert.setLong(2, version);
      upsert.setString(3, target);
      upsert.setString(4, state.phase().name());
      upsert.setInt(5, state.wave());
      upsert.setString(6, state.waveStatus().name());
      upsert.setString(7, state.soakUntil().map(Instant::toString).orElse(null));
      upsert.setString(8, state.reason());
      upsert.setString(9, state.since().toString());
      upsert.setString(10, Instant.now().toString());
      upsert.executeUpdate();
    }
    for (String table : List.of("rollout_clusters", "rollout_approvals")) {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM " + table + " WHERE rollout = ?")) {
        delete.setString(1, state.rollout());
        delete.executeUpdate();
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO rollout_clusters (rollout, position, cluster, status, had_previous,"
                + " previous_kubernetes, previous_kernel, previous_os_image, since, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (var entry : state.clusters().entrySet()) {
        ClusterStep step = entry.getValue();
        insert.setString(1, state.rollout());
        insert.setInt(2, position++);
        insert.setString(3, entry.getKey());
        insert.setString(4, step.status().name());
        insert.setInt(5, step.previous().isPresent() ? 1 : 0);
        insert.setString(6, step.previous().flatMap(RolloutTarget::kubernetesVersion).orElse(null));
        insert.setString(7, step.previous().flatMap(RolloutTarget::kernelVersion).orElse(null));
        insert.setString(8, step.previous().flatMap(RolloutTarget::osImage).orElse(null));
        insert.setString(9, step.since().toString());
        insert.setString(10, step.reason());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO rollout_approvals (rollout, position, wave, approver, group_name, at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (RolloutState.Approval approval : state.approvals()) {
        insert.setString(1, state.rollout());
        insert.setInt(2, position++);
        insert.setString(3, approval.wave());
        insert.setString(4, approval.user());
        insert.setString(5, approval.group());
        insert.setString(6, approval.at().toString());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static Optional<Stored> load(Connection connection, String rollout) throws SQLException {
    RolloutPhase phase;
    int wave;
    RolloutState.WaveStatus waveStatus;
    Optional<Instant> soakUntil;
    String reason;
    Instant since;
    String target;
    long version;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT phase, wave, wave_status, soak_until, reason, since, target, version"
                + " FROM rollouts WHERE name = ?")) {
      select.setString(1, rollout);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        phase = RolloutPhase.valueOf(row.getString(1));
        wave = row.getInt(2);
        waveStatus = RolloutState.WaveStatus.valueOf(row.getString(3));
        soakUntil = Optional.ofNullable(row.getString(4)).map(Instant::parse);
        reason = row.getString(5);
        since = Instant.parse(row.getString(6));
        target = row.getString(7);
        version = row.getLong(8);
      }
    }
    Map<String, ClusterStep> clusters = new LinkedHashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT cluster, status, had_previous, previous_kubernetes, previous_kernel,"
                + " previous_os_image, since, reason FROM rollout_clusters WHERE rollout = ?"
                + " ORDER BY position")) {
      select.setString(1, rollout);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Optional<RolloutTarget> previous =
              row.getInt(3) == 0
                  ? Optional.empty()
                  : Optional.of(
                      new RolloutTarget(
                          Optional.ofNullable(row.getString(4)),
                          Optional.ofNullable(row.getString(5)),
                          Optional.ofNullable(row.getString(6))));
          clusters.put(
              row.getString(1),
              new ClusterStep(
                  ClusterStep.Status.valueOf(row.getString(2)),
                  previous,
                  Instant.parse(row.getString(7)),
                  row.getString(8)));
        }
      }
    }
    List<RolloutState.Approval> approvals = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT wave, approver, group_name, at FROM rollout_approvals WHERE rollout = ?"
                + " ORDER BY position")) {
      select.setString(1, rollout);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          approvals.add(
              new RolloutState.Approval(
                  row.getString(1),
                  row.getString(2),
                  row.getString(3),
                  Instant.parse(row.getString(4))));
        }
      }
    }
    return Optional.of(
        new Stored(
            new RolloutState(
                rollout, phase, wave, waveStatus, soakUntil, clusters, approvals, reason, since),
            target,
            version));
  }
}
