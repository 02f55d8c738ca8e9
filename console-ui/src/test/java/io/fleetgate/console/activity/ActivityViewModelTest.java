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
