package io.fleetgate.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArgoStatusesTest {

  record Case(
      String word, SyncStatus sync, HealthStatus health, OperationPhase phase, ChangeType change) {}

  static Stream<Case> words() {
    return Stream.of(
        new Case(
            "Synced",
            SyncStatus.SYNCED,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "OutOfSync",
            SyncStatus.OUT_OF_SYNC,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Healthy",
            SyncStatus.UNKNOWN,
            HealthStatus.HEALTHY,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Progressing",
            SyncStatus.UNKNOWN,
            HealthStatus.PROGRESSING,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Degraded",
            SyncStatus.UNKNOWN,
            HealthStatus.DEGRADED,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Suspended",
            SyncStatus.UNKNOWN,
            HealthStatus.SUSPENDED,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Missing",
            SyncStatus.UNKNOWN,
            HealthStatus.MISSING,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Unknown",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Running",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.RUNNING,
            ChangeType.UNKNOWN),
        new Case(
            "Terminating",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.TERMINATING,
            ChangeType.UNKNOWN),
        new Case(
            "Succeeded",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.SUCCEEDED,
            ChangeType.UNKNOWN),
        new Case(
            "Failed",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.FAILED,
            ChangeType.UNKNOWN),
        new Case(
            "Error",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.ERROR,
            ChangeType.UNKNOWN),
        new Case(
            "ADDED",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.ADDED),
        new Case(
            "MODIFIED",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.MODIFIED),
        new Case(
            "DELETED",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.DELETED),
        // words a newer or hostile server may send: never an exception, always UNKNOWN
        new Case(
            "synced",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "BOOKMARK",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "Healthy\u001b[2J",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN),
        new Case(
            "UNKNOWN",
            SyncStatus.UNKNOWN,
            HealthStatus.UNKNOWN,
            OperationPhase.UNKNOWN,
            ChangeType.UNKNOWN));
  }

  @ParameterizedTest
  @MethodSource("words")
  void mapsArgoCdsDocumentedWordsAndAnythingElseToUnknown(Case c) {
    assertThat(SyncStatus.of(c.word())).isEqualTo(c.sync());
    assertThat(HealthStatus.of(c.word())).isEqualTo(c.health());
    assertThat(OperationPhase.of(c.word())).isEqualTo(c.phase());
    assertThat(ChangeType.of(c.word())).isEqualTo(c.change());
  }

  @ParameterizedTest
  @MethodSource("words")
  void readsAnAbsentWordAsUnknownOrNoOperation(Case ignored) {
    assertThat(SyncStatus.of(null)).isEqualTo(SyncStatus.UNKNOWN);
    assertThat(HealthStatus.of(null)).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(OperationPhase.of(null)).isEqualTo(OperationPhase.NONE);
    assertThat(OperationPhase.of("")).isEqualTo(OperationPhase.NONE);
    assertThat(ChangeType.of(null)).isEqualTo(ChangeType.UNKNOWN);
  }
}
