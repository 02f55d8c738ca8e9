package io.fleetgate.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.rollout.ClusterStep;
import io.fleetgate.rollout.RolloutEvent;
import io.fleetgate.rollout.RolloutPhase;
import io.fleetgate.rollout.RolloutState;
import io.fleetgate.rollout.RolloutTarget;
import io.fleetgate.rollout.run.RolloutAudit;
import io.fleetgate.rollout.run.RolloutRecords;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRolloutsTest {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final RolloutTarget OLD =
      new RolloutTarget(Optional.of("v1.34.3"), Optional.of("6.8.0-49-generic"), Optional.empty());

  @TempDir Path dir;

  private static RolloutState running() {
    Map<String, ClusterStep> clusters = new LinkedHashMap<>();
    clusters.put("fleet/zeta", new ClusterStep(ClusterStep.Status.DONE, Optional.of(OLD), T0, ""));
    clusters.put(
        "fleet/alpha",
        new ClusterStep(ClusterStep.Status.FAILED, Optional.empty(), T0.plusSeconds(5), "node x"));
    return new RolloutState(
        "kernel",
        RolloutPhase.RUNNING,
        1,
        RolloutState.WaveStatus.SOAKING,
        Optional.of(T0.plusSeconds(3600)),
        clusters,
        List.of(new RolloutState.Approval("main", "token ana", "change-board", T0)),
        "soaking",
        T0);
  }

  @Test
  void aSavedStateReadsBackWholeWithItsClustersInTheOrderTheyWereReached() {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      RolloutRecords records = store.rollouts();
      assertThat(records.load("kernel")).isEmpty();

      assertThat(records.save(running(), "kernel 6.8.0-88-generic", 0, List.of())).isTrue();

      RolloutRecords.Stored stored = records.load("kernel").orElseThrow();
      assertThat(stored.state()).isEqualTo(running());
      assertThat(List.copyOf(stored.state().clusters().keySet()))
          .containsExactly("fleet/zeta", "fleet/alpha");
      assertThat(stored.target()).isEqualTo("kernel 6.8.0-88-generic");
      assertThat(stored.version()).isEqualTo(1);
    }
  }

  @Test
  void aSaveOverAVersionAnotherWriterReplacedSavesNothingNotEvenItsAuditRows() {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      RolloutRecords records = store.rollouts();
      records.save(RolloutState.pending("kernel", T0), "", 0, List.of());
      long rows = store.verify().rows();

      boolean saved =
          records.save(
              running(),
              "",
              0,
              RolloutAudit.of(
                  "kernel",
                  "abc",
                  List.of(new RolloutEvent(RolloutEvent.Kind.STARTED, "", "", "by ana"))));

      assertThat(saved).isFalse();
      assertThat(records.load("kernel").orElseThrow().state().phase())
          .isEqualTo(RolloutPhase.PENDING);
      assertThat(store.verify().rows()).isEqualTo(rows);
    }
  }

  @Test
  void stepsAreAuditRowsInTheChainAndReadBackNewestFirstWithTheirWave() {
    try (SqliteStore store = SqliteStore.open(dir, Clock.systemUTC())) {
      RolloutRecords records = store.rollouts();
      records.save(
          running(),
          "",
          0,
          RolloutAudit.of(
              "kernel",
              "abc",
              List.of(
                  new RolloutEvent(RolloutEvent.Kind.STARTED, "", "", "by ana"),
                  new RolloutEvent(
                      RolloutEvent.Kind.CLUSTER_DONE, "canary", "fleet/zeta", "3 node(s)"))));
      store.append(
          List.of(new AuditEvent("sync", "", "", "abc", "", "synced", "an unrelated row")));

      List<RolloutRecords.Step> steps = records.recent("kernel", 10);

      assertThat(steps)
          .extracting(
              RolloutRecords.Step::kind,
              RolloutRecords.Step::wave,
              RolloutRecords.Step::cluster,
              RolloutRecords.Step::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "cluster_done", "canary", "fleet/zeta", "3 node(s)"),
              org.assertj.core.groups.Tuple.tuple("started", "", "", "by ana"));
      assertThat(store.verify().intact()).isTrue();
      assertThat(store.entries(0, 10))
          .first()
          .satisfies(
              e -> {
                assertThat(e.event().kind()).isEqualTo("rollout.started");
                assertThat(e.event().object()).isEqualTo("PatchRollout kernel");
              });
    }
  }

  @Test
  void aWriteThatThrowsMidwayLeavesNothingBehind() throws Exception {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("test.db"), Clock.systemUTC())) {
      assertThatThrownBy(
              () ->
                  db.write(
                      "save half a rollout",
                      connection -> {
                        try (PreparedStatement insert =
                            connection.prepareStatement(
                                "INSERT INTO bundle_pruning (bundle, prune) VALUES ('half', 1)")) {
                          insert.executeUpdate();
                        }
                        throw new IllegalStateException("killed between two statements");
                      }))
          .isInstanceOf(IllegalStateException.class);

      int rows =
          db.read(
              "count",
              connection -> {
                try (PreparedStatement select =
                        connection.prepareStatement("SELECT count(*) FROM bundle_pruning");
                    ResultSet row = select.executeQuery()) {
                  row.next();
                  return row.getInt(1);
                }
              });
      assertThat(rows).as("rolled back, not committed by turning autocommit on").isZero();
    }
  }
}
