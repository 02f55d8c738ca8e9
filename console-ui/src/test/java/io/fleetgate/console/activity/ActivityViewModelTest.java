package io.fleetgate.console.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.console.ui.UiThread;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivityViewModelTest {

  private static final UiThread DIRECT = new UiThread(Runnable::run, Runnable::run);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  private static void finished(
      ActivityViewModel model, long id, String commit, String cluster, String outcome)
      throws Exception {
    finished(model, id, commit, cluster, outcome, "{\"healthy\":3}");
  }

  private static void finished(
      ActivityViewModel model,
      long id,
      String commit,
      String cluster,
      String outcome,
      String health)
      throws Exception {
    model.event(
        id,
        "sync.finished",
        JSON.readTree(
            "{\"commit\":\""
                + commit
                + "\",\"cluster\":\""
                + cluster
                + "\",\"outcome\":\""
                + outcome
                + "\",\"health\":"
                + health
                + "}"),
        NOW);
  }

  @Test
  void followsEachCommitAcrossTheClustersNewestFirst() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    String first = "1111111111111111111111111111111111111111";
    String second = "2222222222222222222222222222222222222222";

    finished(model, 1, first, "beijing-prod", "synced");
    finished(model, 2, first, "guangzhou-prod", "synced", "{\"healthy\":2,\"progressing\":1}");
    model.event(3, "object.applied", JSON.readTree("{}"), NOW);
    finished(model, 4, second, "beijing-prod", "synced");
    finished(model, 5, second, "guangzhou-prod", "denied");

    assertThat(model.journeys())
        .extracting(ActivityViewModel.Journey::revision)
        .containsExactly("222222222222", "111111111111");
    assertThat(model.journeys().get(0).stage())
        .isEqualTo("validated → applied on 1 of 2 → healthy on 1 of 2 · denied on guangzhou-prod");
    assertThat(model.journeys().get(1).stage())
        .isEqualTo("validated → applied on 2 of 2 → healthy on 1 of 2");
    assertThat(model.journeys().get(1).appliedEverywhere())
        .as("a rollout still progressing is not done")
        .isFalse();
    assertThat(model.statusProperty().get()).isEqualTo("Live · last event 5");
  }

  private static void delivered(
      ActivityViewModel model,
      long id,
      String commit,
      String cluster,
      String bundle,
      String operation,
      String sync,
      String health)
      throws Exception {
    model.event(
        id,
        "argocd.synced",
        JSON.readTree(
            """
            {"cluster":"%s","commit":"%s","bundle":"%s","application":"fleet-%s-%s",
             "renderedCommit":"abc","operation":"%s","synced":3,"failed":0,
             "sync":"%s","health":"%s"}"""
                .formatted(cluster, commit, bundle, cluster, bundle, operation, sync, health)),
        NOW);
  }

  @Test
  void followsACommitThroughArgoCdBundleByBundleBeforeTheSyncEnds() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    String commit = "3333333333333333333333333333333333333333";

    delivered(model, 1, commit, "beijing-prod", "baseline", "SUCCEEDED", "SYNCED", "HEALTHY");
    delivered(model, 2, commit, "beijing-prod", "payments", "SUCCEEDED", "SYNCED", "PROGRESSING");
    assertThat(model.journeys()).singleElement();
    assertThat(model.journeys().getFirst().stage())
        .as("the deliveries so far, before any cluster's sync has finished")
        .isEqualTo(
            "validated → synced by Argo CD on 1 of 1 → Argo CD healthy on 0 of 1"
                + " · payments Progressing on beijing-prod");
    assertThat(model.journeys().getFirst().appliedEverywhere()).isFalse();

    delivered(model, 3, commit, "beijing-prod", "payments", "SUCCEEDED", "SYNCED", "HEALTHY");
    delivered(model, 4, commit, "guangzhou-prod", "baseline", "FAILED", "OUT_OF_SYNC", "DEGRADED");
    finished(model, 5, commit, "beijing-prod", "synced");
    finished(model, 6, commit, "guangzhou-prod", "rejected");
    finished(model, 7, commit, "aws-prod", "denied");

    ActivityViewModel.Journey journey = model.journeys().getFirst();
    assertThat(journey.argoCd().get("beijing-prod"))
        .as("a bundle delivered again replaces its first delivery")
        .hasSize(2);
    assertThat(journey.stage())
        .isEqualTo(
            "validated → applied on 1 of 3 → healthy on 1 of 3 → synced by Argo CD on 1 of 3"
                + " → Argo CD healthy on 1 of 3 · denied on aws-prod · rejected on guangzhou-prod"
                + " · baseline not synced by Argo CD on guangzhou-prod (FAILED, OUT_OF_SYNC)");
    for (String cluster : java.util.List.of("d", "e", "f", "g")) {
      delivered(model, 8, commit, cluster, "payments", "SUCCEEDED", "SYNCED", "PROGRESSING");
    }
    assertThat(model.journeys().getFirst().stage())
        .as("bundles Argo CD synced but did not find healthy, with at most three clusters named")
        .endsWith(" · payments Progressing on d, e, f and 1 more");
    assertThat(model.journeys().getFirst().appliedEverywhere()).isFalse();
  }

  @Test
  void aCommitSyncedAndHealthyThroughArgoCdEverywhereIsDone() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    String commit = "4444444444444444444444444444444444444444";
    for (String cluster : java.util.List.of("a", "b")) {
      delivered(model, 1, commit, cluster, "baseline", "SUCCEEDED", "SYNCED", "HEALTHY");
      finished(model, 2, commit, cluster, "synced");
    }

    assertThat(model.journeys().getFirst().stage())
        .isEqualTo(
            "validated → applied on 2 of 2 → healthy on 2 of 2 → synced by Argo CD on 2 of 2"
                + " → Argo CD healthy on 2 of 2");
    assertThat(model.journeys().getFirst().appliedEverywhere()).isTrue();

    delivered(model, 3, commit, "b", "baseline", "SUCCEEDED", "SYNCED", "DEGRADED");
    assertThat(model.journeys().getFirst().appliedEverywhere())
        .as("Argo CD's health counts beside Fleetgate's own")
        .isFalse();
  }

  @Test
  void aClusterWithNothingForArgoCdToDeliverCountsAsSyncedByIt() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    String commit = "5555555555555555555555555555555555555555";
    delivered(model, 1, commit, "a", "payments", "SUCCEEDED", "SYNCED", "HEALTHY");
    finished(model, 2, commit, "a", "synced");
    finished(model, 3, commit, "b", "synced");

    assertThat(model.journeys().getFirst().stage())
        .isEqualTo(
            "validated → applied on 2 of 2 → healthy on 2 of 2 → synced by Argo CD on 2 of 2"
                + " → Argo CD healthy on 2 of 2");
    assertThat(model.journeys().getFirst().appliedEverywhere()).isTrue();
  }

  @Test
  void aCommitIsNotDoneWhileAClusterDeliveredThroughArgoCdHasNotFinishedItsSync() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    String commit = "6666666666666666666666666666666666666666";
    delivered(model, 1, commit, "a", "baseline", "SUCCEEDED", "SYNCED", "HEALTHY");
    finished(model, 2, commit, "a", "synced");
    delivered(model, 3, commit, "b", "baseline", "SUCCEEDED", "SYNCED", "HEALTHY");

    assertThat(model.journeys().getFirst().appliedEverywhere()).isFalse();
    assertThat(model.journeys().getFirst().stage()).startsWith("validated → applied on 1 of 2");
  }

  @Test
  void aHostileEventCannotBreakOrFloodTheTimeline() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    String commit = "7777777777777777777777777777777777777777";
    model.event(
        1,
        "argocd.synced",
        JSON.readTree(
            """
            {"cluster":"a","commit":"%s","bundle":"b","application":"%s",
             "operation":"SUCCEEDED","sync":"SYNCED","health":""}"""
                .formatted(commit, "x".repeat(10_000))),
        NOW);
    model.event(
        2,
        "argocd.synced",
        JSON.readTree(
            """
            {"cluster":"a","commit":"%s","bundle":"c","operation":"SUCCEEDED","sync":"SYNCED",
             "health":{"nested":true}}"""
                .formatted(commit)),
        NOW);

    ActivityViewModel.Journey journey = model.journeys().getFirst();
    assertThat(journey.argoCd().get("a").get("b").application())
        .hasSize(ActivityViewModel.WORD + 1);
    assertThat(journey.stage()).endsWith(" · b Unknown on a · c Unknown on a");
  }

  @Test
  void anEventWithoutCommitClusterOrBundleChangesNothing() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    model.event(1, "argocd.synced", JSON.readTree("{\"commit\":\"x\",\"cluster\":\"a\"}"), NOW);
    model.event(2, "argocd.synced", JSON.readTree("{\"bundle\":\"b\",\"cluster\":\"a\"}"), NOW);
    model.event(3, "sync.finished", JSON.readTree("{\"commit\":\"x\"}"), NOW);

    assertThat(model.journeys()).isEmpty();
    assertThat(model.statusProperty().get()).isEqualTo("Live · last event 3");
  }

  @Test
  void keepsABoundedTimeline() throws Exception {
    ActivityViewModel model = new ActivityViewModel(DIRECT);
    for (int i = 0; i < ActivityViewModel.KEPT + 10; i++) {
      finished(model, i + 1, "%040d".formatted(i), "beijing-prod", "synced");
    }

    assertThat(model.journeys()).hasSize(ActivityViewModel.KEPT);
    assertThat(model.journeys().getFirst().commit())
        .isEqualTo("%040d".formatted(ActivityViewModel.KEPT + 9));
  }

  @Test
  void saysWhenTheStreamBreaksOrEventsWereMissed() {
    ActivityViewModel model = new ActivityViewModel(DIRECT);

    model.disconnected("connection reset");
    assertThat(model.statusProperty().get())
        .isEqualTo("Reconnecting to events (connection reset)…");
    model.reset();
    assertThat(model.statusProperty().get()).contains("missed");
  }
}
