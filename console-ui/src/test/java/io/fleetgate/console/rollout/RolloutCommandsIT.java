package io.fleetgate.console.rollout;

import static io.fleetgate.console.FxTesting.awaitFx;
import static io.fleetgate.console.FxTesting.onFx;
import static io.fleetgate.console.FxTesting.screenshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.FxTesting;
import io.fleetgate.console.ui.UiThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The board's command buttons under Xvfb: pressing one reaches the source, a refusal is shown in
 * the view, a roll back asks first and sends nothing when the person says no; and the timer reads
 * the board again while the tab is shown.
 */
class RolloutCommandsIT {

  private static final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  private final RolloutModels.Recorded source = new RolloutModels.Recorded();
  private final List<String> asked = new ArrayList<>();
  private boolean answer;
  private Stage stage;
  private Scene scene;
  private RolloutViewModel model;

  @BeforeAll
  static void startToolkit() throws Exception {
    FxTesting.startToolkit();
  }

  @AfterAll
  static void stopToolkit() {
    background.shutdownNow();
  }

  @BeforeEach
  void open() throws Exception {
    model = new RolloutViewModel(source, UiThread.javafx(background));
    stage =
        onFx(
            () -> {
              javafx.application.Application.setUserAgentStylesheet(
                  new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
              Stage s = new Stage();
              RolloutsView view =
                  new RolloutsView(
                      model,
                      new SimpleBooleanProperty(false),
                      (rollout, target) -> {
                        asked.add(rollout + " → " + target);
                        return answer;
                      });
              s.setScene(new Scene(view, 1400, 900));
              s.show();
              return s;
            });
    scene = stage.getScene();
    onFx(
        () -> {
          model.activeProperty().set(true);
          return null;
        });
    awaitFx(() -> model.rows().size() == 4, () -> CompletableFuture.completedFuture(null));
  }

  @AfterEach
  void close() throws Exception {
    onFx(
        () -> {
          stage.close();
          return null;
        });
  }

  @Test
  void aRefusedCommandReachesTheSourceAndTheViewShowsWhy() throws Exception {
    onFx(
        () -> {
          model.selectedProperty().set(model.rows().get(2));
          return null;
        });
    source.refuse =
        "rollout kubernetes-v1.35.1 is halted: gz-node-2 is still not Ready; fix it first";

    press("#rollout-resume");
    awaitFx(
        () -> ((Label) scene.lookup("#rollout-answer")).getText().startsWith("Refused"),
        () -> CompletableFuture.completedFuture(null));

    assertThat(source.commands).containsExactly("kubernetes-v1.35.1 RESUME");
    assertThat(onFx(() -> ((Label) scene.lookup("#rollout-answer")).getText()))
        .isEqualTo(
            "Refused: rollout kubernetes-v1.35.1 is halted: gz-node-2 is still not Ready; fix it"
                + " first");
    screenshot(scene, "rollouts-command-refused.png");
  }

  @Test
  void aRollBackIsSentOnlyOnceThePersonConfirmsIt() throws Exception {
    answer = false;
    press("#rollout-rollback");
    assertThat(asked)
        .containsExactly("kernel-6.8.0-88 → Kubernetes v1.34.4, kernel 6.8.0-88-generic");
    assertThat(source.commands).as("cancelled: nothing sent").isEmpty();

    answer = true;
    press("#rollout-rollback");
    awaitFx(
        // "Roll back kernel-6.8.0-88…" while it is sent; the platform's answer after the colon
        () ->
            ((Label) scene.lookup("#rollout-answer"))
                .getText()
                .startsWith("Roll back kernel-6.8.0-88:"),
        () -> CompletableFuture.completedFuture(null));
    assertThat(source.commands).containsExactly("kernel-6.8.0-88 ROLLBACK");
    assertThat(onFx(() -> ((Label) scene.lookup("#rollout-answer")).getText()))
        .isEqualTo("Roll back kernel-6.8.0-88: done");
  }

  @Test
  void aCommandThatMakesNoSenseWhereTheRolloutStandsCannotBePressed() throws Exception {
    assertThat(onFx(() -> scene.lookup("#rollout-start").isDisabled())).isTrue();
    assertThat(onFx(() -> scene.lookup("#rollout-resume").isDisabled())).isTrue();
    assertThat(onFx(() -> scene.lookup("#rollout-approve").isDisabled())).isTrue();
    onFx(
        () -> {
          model.selectedProperty().set(model.rows().get(3));
          return null;
        });
    assertThat(onFx(() -> scene.lookup("#rollout-start").isDisabled())).isFalse();
    assertThat(onFx(() -> scene.lookup("#rollout-rollback").isDisabled())).isTrue();
  }

  @Test
  void whileShownTheBoardIsReadAgainByItsTimerAndNotOnceHidden() throws Exception {
    source.board =
        new io.fleetgate.api.RolloutStatus.Board(
            RolloutModels.AT.plusSeconds(5), "3f9c2e1", List.of(RolloutModels.halted()), List.of());
    awaitFx(() -> model.rows().size() == 1, () -> CompletableFuture.completedFuture(null));

    onFx(
        () -> {
          model.activeProperty().set(false);
          return null;
        });
    source.board = RolloutModels.board();
    Thread.sleep((long) (RolloutsView.EVERY.toMillis() * 2.5));
    assertThat(onFx(() -> model.rows().size())).as("hidden: not read again").isEqualTo(1);
  }

  @Test
  void theSelectedRolloutStaysSelectedInTheListAcrossTheTimersReads() throws Exception {
    onFx(
        () -> {
          model.selectedProperty().set(model.rows().get(2));
          return null;
        });
    int before = source.boards.get();
    awaitFx(() -> source.boards.get() >= before + 2, () -> CompletableFuture.completedFuture(null));
    Thread.sleep(300);

    assertThat(
            onFx(
                () ->
                    ((javafx.scene.control.ListView<?>) scene.lookup("#rollout-list"))
                        .getSelectionModel()
                        .getSelectedItem()))
        .isNotNull()
        .isEqualTo(onFx(() -> model.selectedProperty().get()));
  }

  @Test
  void onceItsWindowIsClosedTheBoardIsNeverReadAgain() throws Exception {
    onFx(
        () -> {
          stage.close();
          return null;
        });
    // A read the timer began just before the window closed may still be on its way.
    Thread.sleep(1_500);
    int before = source.boards.get();

    Thread.sleep((long) (RolloutsView.EVERY.toMillis() * 2.5));

    assertThat(source.boards.get()).as("reads after the window closed").isEqualTo(before);
  }

  private void press(String selector) throws Exception {
    onFx(
        () -> {
          ((Button) scene.lookup(selector)).fire();
          return null;
        });
  }
}
