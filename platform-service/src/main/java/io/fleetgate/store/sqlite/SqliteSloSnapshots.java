package io.fleetgate.store.sqlite;

import io.fleetgate.api.SloStatus;
import io.fleetgate.store.SloSnapshot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SLO snapshots in {@code slo_snapshots}: written in one transaction per evaluation. */
final class SqliteSloSnapshots {

  private final SqliteDatabase db;

  SqliteSloSnapshots(SqliteDatabase db) {
    this.db = db;
  }

  /** Records one evaluation's points and forgets those older than {@code keepAfter}. */
  void record(List<SloSnapshot> snapshots, Instant keepAfter) {
    db.write(
        "record SLO snapshots",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO slo_snapshots (at, cluster, service, slo, state, error_ratio,"
                      + " budget_remaining, burn_1h, burn_6h, burn_3d) VALUES"
                      + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SloSnapshot snapshot : snapshots) {
              SloStatus.Point p = snapshot.point();
              insert.setLong(1, p.at().toEpochMilli());
              insert.setString(2, p.cluster());
              insert.setString(3, snapshot.service());
              insert.setString(4, snapshot.slo());
              insert.setString(5, p.state());
              real(insert, 6, p.errorRatio());
              real(insert, 7, p.budgetRemaining());
              real(insert, 8, p.burn1h());
              real(insert, 9, p.burn6h());
              real(insert, 10, p.burn3d());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          try (PreparedStatement forget =
              connection.prepareStatement("DELETE FROM slo_snapshots WHERE at < ?")) {
            forget.setLong(1, keepAfter.toEpochMilli());
            forget.executeUpdate();
          }
          return null;
        });
  }

  /** The points of one SLO between two times, oldest first, on one cluster or (null) all. */
  List<SloStatus.Point> points(
      String service, String slo, String cluster, Instant from, Instant to, int limit) {
    return db.read(
        "read SLO snapshots",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT at, cluster, state, error_ratio, budget_remaining, burn_1h, burn_6h,"
                      + " burn_3d FROM slo_snapshots WHERE service = ? AND slo = ? AND at >= ?"
                      + " AND at <= ?"
                      + (cluster == null ? "" : " AND cluster = ?")
                      + " ORDER BY cluster, at LIMIT ?")) {
            select.setString(1, service);
            select.setString(2, slo);
            select.setLong(3, from.toEpochMilli());
            select.setLong(4, to.toEpochMilli());
            int next = 5;
            if (cluster != null) {
              select.setString(next++, cluster);
            }
            select.setInt(next, limit);
            List<SloStatus.Point> points = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                points.add(point(rs));
              }
            }
            return points;
          }
        });
  }

  /**
   * The latest known point of every SLO on every cluster since {@code since}, by {@code
   * service/slo/cluster}, in one query.
   */
  java.util.Map<String, SloStatus.Point> lastKnown(Instant since) {
    return db.read(
        "read the last known SLO snapshots",
        connection -> {
          // SQLite takes the bare columns from the row that holds the max()
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT max(at), cluster, state, error_ratio, budget_remaining, burn_1h, burn_6h,"
                      + " burn_3d, service, slo FROM slo_snapshots WHERE state = 'known' AND at >= ?"
                      + " GROUP BY service, slo, cluster")) {
            select.setLong(1, since.toEpochMilli());
            java.util.Map<String, SloStatus.Point> points = new java.util.HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                SloStatus.Point p = point(rs);
                points.put(rs.getString(9) + "/" + rs.getString(10) + "/" + p.cluster(), p);
              }
            }
            return points;
          }
        });
  }

  /** A row of {@code SELECT at, cluster, state, error_ratio, budget_remaining, burn_…}. */
  private static SloStatus.Point point(ResultSet rs) throws SQLException {
    return new SloStatus.Point(
        Instant.ofEpochMilli(rs.getLong(1)),
        rs.getString(2),
        rs.getString(3),
        real(rs, 4),
        real(rs, 5),
        real(rs, 6),
        real(rs, 7),
        real(rs, 8));
  }

  private static void real(PreparedStatement statement, int index, Double value)
      throws SQLException {
    if (value == null || !Double.isFinite(value)) {
      statement.setNull(index, Types.REAL);
    } else {
      statement.setDouble(index, value);
    }
  }

  private static Double real(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? null : value;
  }
}
