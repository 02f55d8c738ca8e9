package io.fleetgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetgate.console.remote.PlatformEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PlatformConnectionTest {

  @Test
  void aDeferredConnectionWaitsForTheStartAndThenBehavesLikeIt() throws Exception {
    CompletableFuture<PlatformConnection> starting = new CompletableFuture<>();
    PlatformConnection deferred =
        PlatformConnection.deferred("Embedded platform", Optional.of("/srv/fleet"), starting);
    List<String> problems = new ArrayList<>();
    AutoCloseable events =
        deferred
            .events()
            .follow(
                0,
                new PlatformEvents.Listener() {
                  @Override
                  public void event(long id, String type, JsonNode data) {}

                  @Override
                  public void disconnected(String problem) {
                    problems.add(problem);
                  }
                });
    assertThat(problems).as("nothing to follow before the platform is up").isEmpty();
    assertThat(deferred.repository()).contains("/srv/fleet");

    CompletableFuture<Throwable> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                deferred.fleet().read();
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });
    Thread.sleep(100);
    assertThat(read).as("a read waits for the start").isNotDone();

    starting.complete(
        PlatformConnection.failing(
            "Embedded platform", "The embedded platform did not start: port 8742 is taken"));

    assertThat(read.get()).hasMessageContaining("port 8742 is taken");
    assertThat(problems).containsExactly("The embedded platform did not start: port 8742 is taken");
    assertThatThrownBy(() -> deferred.policy().policy()).hasMessageContaining("port 8742");
    assertThatThrownBy(() -> deferred.rollouts().board()).hasMessageContaining("port 8742");
    assertThatThrownBy(
            () ->
                deferred
                    .rollouts()
                    .command("kernel-6.8.0-88", io.fleetgate.api.RolloutStatus.Command.PAUSE))
        .hasMessageContaining("port 8742");
    assertThatThrownBy(
            () ->
                deferred
                    .rollouts()
                    .matrix(new io.fleetgate.console.rollout.RolloutSource.MatrixTarget.Nothing()))
        .hasMessageContaining("port 8742");
    events.close();
    deferred.resources().close();
  }
}
