package io.fleetgate.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.api.ArgoCdStatus.Application;
import io.fleetgate.api.ArgoCdStatus.Health;
import io.fleetgate.api.ArgoCdStatus.Operation;
import io.fleetgate.api.ArgoCdStatus.Resource;
import io.fleetgate.api.ArgoCdStatus.Sync;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArgoCdSummaryTest {

  private static Application app(String name, Sync sync, Health health, Operation operation) {
    return new Application(name, "b", sync, health, operation, "c", "c", "", 1, List.of());
  }

  @Test
  void namesAtMostThreeApplicationsThatNeedAttentionAndCountsTheRest() {
    List<Application> apps = new ArrayList<>();
    apps.add(app("ok", Sync.SYNCED, Health.HEALTHY, Operation.SUCCEEDED));
    for (int i = 1; i <= 5; i++) {
      apps.add(app("bad-" + i, Sync.OUT_OF_SYNC, Health.MISSING, Operation.RUNNING));
    }

    assertThat(ArgoCdSummary.of(ArgoCdStatus.Report.read("aws", "", Instant.EPOCH, apps)))
        .isEqualTo(
            "Argo CD · 6 Applications · 1 Synced · 1 Healthy · bad-1 (OutOfSync, Missing),"
                + " bad-2 (OutOfSync, Missing), bad-3 (OutOfSync, Missing) and 2 more");
  }

  @Test
  void aSyncedHealthyApplicationWhoseLastSyncFailedStillNeedsAttention() {
    Application failed = app("a", Sync.SYNCED, Health.HEALTHY, Operation.FAILED);

    assertThat(ArgoCdSummary.settled(failed)).isFalse();
    assertThat(ArgoCdSummary.settled(app("a", Sync.SYNCED, Health.HEALTHY, Operation.NONE)))
        .isTrue();
  }

  @Test
  void noApplicationYetAndNotDrivenAreSaidPlainly() {
    assertThat(
            ArgoCdSummary.of(
                ArgoCdStatus.Report.read("aws", "http://127.0.0.1:8080", Instant.EPOCH, List.of())))
        .isEqualTo(
            "Argo CD at http://127.0.0.1:8080 · no Application for aws yet: nothing was delivered"
                + " to it through Argo CD");
    assertThat(ArgoCdSummary.of(ArgoCdStatus.Report.notDriven("aws"))).isEmpty();
  }

  @Test
  void theMessageListsTheResourcesThatNeedAttention() {
    List<Resource> many =
        IntStream.range(0, Application.MAX_ATTENTION)
            .mapToObj(i -> new Resource("ConfigMap a/c" + i, Sync.OUT_OF_SYNC, Health.UNKNOWN))
            .toList();
    Application app =
        new Application(
            "a",
            "b",
            Sync.OUT_OF_SYNC,
            Health.UNKNOWN,
            Operation.FAILED,
            "c",
            "",
            "boom",
            60,
            many);

    assertThat(ArgoCdSummary.message(app))
        .isEqualTo(
            "boom · at least 50 resources need attention: ConfigMap a/c0 (OutOfSync, Unknown),"
                + " ConfigMap a/c1 (OutOfSync, Unknown), ConfigMap a/c2 (OutOfSync, Unknown) and"
                + " 47 more");
    assertThat(ArgoCdSummary.operation(Operation.NONE)).isEqualTo("none yet");
    assertThat(ArgoCdSummary.revision("0123456789abcdef")).isEqualTo("0123456789ab");
  }

  @Test
  void aHugeOrMultiLineProblemIsOneShortLine() {
    String page = "<html>\n<body>" + "x".repeat(5_000) + "</body></html>";

    String line =
        ArgoCdSummary.of(ArgoCdStatus.Report.unreadable("aws", "https://a", Instant.EPOCH, page));

    assertThat(line).hasSize(ArgoCdSummary.LONGEST + 1).doesNotContain("\n").endsWith("…");
  }
}
