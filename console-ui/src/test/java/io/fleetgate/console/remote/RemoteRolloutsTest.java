package io.fleetgate.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.fleetgate.api.RolloutStatus;
import io.fleetgate.console.remote.LoopbackPlatform.Asked;
import io.fleetgate.console.remote.LoopbackPlatform.Reply;
import io.fleetgate.console.rollout.RolloutModels;
import io.fleetgate.console.rollout.RolloutSource.MatrixTarget;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Rollouts tab's HTTP adapter against a loopback HTTP server answering the routes' contract:
 * the records as the platform's Jackson writes them (instants as ISO strings, enums by name),
 * problems as {@code application/problem+json}. It checks what goes over the wire (method, path,
 * query, token, empty body) and how each answer reaches the console.
 */
class RemoteRolloutsTest {

  /** Writes as the platform's API does: instants as their ISO text, nulls written out. */
  private static final ObjectMapper PLATFORM =
      new ObjectMapper()
          .registerModule(
              new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

  private LoopbackPlatform server;
  private RemotePlatform platform;

  @BeforeEach
  void serve() throws IOException {
    server = LoopbackPlatform.start();
    platform = server.client("fgt_operator");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void json(Object value) throws IOException {
    server.reply(new Reply(200, "application/json", PLATFORM.writeValueAsBytes(value)));
  }

  private void problem(int status, String detail) throws IOException {
    server.reply(
        new Reply(
            status,
            "application/problem+json",
            PLATFORM.writeValueAsBytes(
                Map.of("status", status, "title", "x", "detail", detail, "requestId", "r1"))));
  }

  @Test
  void readsTheBoardAsThePlatformWritesItNullsAndInstantsIncluded() throws IOException {
    json(RolloutModels.board());

    RolloutStatus.Board board = platform.board();

    assertThat(board).isEqualTo(RolloutModels.board());
    assertThat(server.asked())
        .containsExactly(new Asked("GET", "/api/v1/rollouts", null, "Bearer fgt_operator", 0));
  }

  @Test
  void aNewerPlatformsExtraFieldsAreIgnored() throws IOException {
    String written = PLATFORM.writeValueAsString(RolloutModels.board());
    server.reply(Reply.json(written.replaceFirst("\\{", "{\"shards\":3,")));

    assertThat(platform.board().rollouts()).hasSize(4);
  }

  @Test
  void sendsACommandAsAnEmptyPostToItsLowerCaseRoute() throws IOException {
    json(new RolloutStatus.CommandResult(true, "paused by alice", RolloutModels.midRollout()));

    RolloutStatus.CommandResult result =
        platform.command("kernel-6.8.0-88", RolloutStatus.Command.PAUSE);

    assertThat(result.accepted()).isTrue();
    assertThat(result.rollout()).isEqualTo(RolloutModels.midRollout());
    assertThat(server.asked())
        .containsExactly(
            new Asked(
                "POST", "/api/v1/rollouts/kernel-6.8.0-88/pause", null, "Bearer fgt_operator", 0));
  }

  @Test
  void aCommandOutOfTurnIsRefusedWithThePlatformsSentence() throws IOException {
    problem(409, "rollout kernel-6.8.0-88 is running: started already");

    assertThatThrownBy(() -> platform.command("kernel-6.8.0-88", RolloutStatus.Command.START))
        .isInstanceOfSatisfying(
            RolloutStatus.RefusedException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("rollout kernel-6.8.0-88 is running: started already");
              assertThat(e.notFound()).isFalse();
            });
  }

  @Test
  void aCommandForAnUnknownRolloutIsRefusedAsNotFound() throws IOException {
    problem(404, "no rollout named kernel-9");

    assertThatThrownBy(() -> platform.command("kernel-9", RolloutStatus.Command.ROLLBACK))
        .isInstanceOfSatisfying(
            RolloutStatus.RefusedException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("no rollout named kernel-9");
              assertThat(e.notFound()).isTrue();
            });
  }

  @Test
  void aRolloutNameNeverLeavesItsPathSegment() throws IOException {
    problem(404, "no rollout named that");

    assertThatThrownBy(() -> platform.command("a/../../b?x=1#y", RolloutStatus.Command.START))
        .isInstanceOf(RolloutStatus.RefusedException.class);
    assertThatThrownBy(() -> platform.command("..", RolloutStatus.Command.START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'..' is not a rollout name");

    assertThat(server.asked())
        .extracting(Asked::path, Asked::query)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/api/v1/rollouts/a%2F..%2F..%2Fb%3Fx%3D1%23y/start", null));
  }

  @Test
  void aPlatformWithoutTheRoutesSaysItIsOlderThanTheConsole() throws IOException {
    problem(404, "no such resource: /api/v1/rollouts");

    assertThatThrownBy(platform::board)
        .hasMessage(
            "This platform does not serve rollouts (GET /api/v1/rollouts answered 404: no such"
                + " resource: /api/v1/rollouts). It is older than this console: upgrade"
                + " platform-service.");
  }

  @Test
  void aRefusedTokenOrALowRoleSaysWhatToDo() throws IOException {
    problem(401, "missing or invalid bearer token");
    assertThatThrownBy(platform::board)
        .hasMessage("The platform refused the token. Create one with 'fleetgate token create'.");
    problem(403, "needs the operator role");
    assertThatThrownBy(() -> platform.command("kernel-6.8.0-88", RolloutStatus.Command.PAUSE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The token's role is too low for this view.");
  }

  @Test
  void aServerErrorShowsThePlatformsSentence() throws IOException {
    problem(500, "the platform failed to answer: NullPointerException");

    assertThatThrownBy(platform::board)
        .hasMessage("the platform failed to answer: NullPointerException");
  }

  @Test
  void anAnswerThatIsNotABoardSaysSo() {
    server.reply(Reply.json("{\"rollouts\": 7}"));

    assertThatThrownBy(platform::board)
        .hasMessageStartingWith(
            "The platform's answer to GET /api/v1/rollouts is not a rollout board this console can"
                + " read (")
        .hasMessageEndingWith("Are the console and the platform the same version?");
  }

  @Test
  void anOversizedAnswerIsRefusedUnread() {
    byte[] huge = new byte[RemoteRollouts.LIMIT + 10];
    java.util.Arrays.fill(huge, (byte) ' ');
    server.reply(new Reply(200, "application/json", huge));

    assertThatThrownBy(platform::board)
        .hasMessage(
            "The platform's answer to GET /api/v1/rollouts is larger than 32 MiB; the console does"
                + " not read it.");
  }

  @Test
  void aPlatformThatDoesNotAnswerIsNamed() {
    server.close();

    assertThatThrownBy(platform::board)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The platform at http://127.0.0.1:")
        .hasMessageContaining("does not answer");
  }

  @Test
  void asksForTheMatrixOfARolloutOrOfVersionsTypedInEncoded() throws IOException {
    json(RolloutModels.matrix());

    assertThat(platform.matrix(new MatrixTarget.OfRollout("kernel-6.8.0-88")))
        .isEqualTo(RolloutModels.matrix());
    platform.matrix(new MatrixTarget.Versions("v1.34.4", "", "Ubuntu 24.04.3 LTS&x=1"));
    platform.matrix(new MatrixTarget.Nothing());

    assertThat(server.asked())
        .extracting(Asked::path, Asked::query)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/api/v1/patch-matrix", "rollout=kernel-6.8.0-88"),
            org.assertj.core.groups.Tuple.tuple(
                "/api/v1/patch-matrix",
                "kubernetesVersion=v1.34.4&osImage=Ubuntu+24.04.3+LTS%26x%3D1"),
            org.assertj.core.groups.Tuple.tuple("/api/v1/patch-matrix", null));
  }

  @Test
  void theMatrixOfAnUnknownRolloutSaysSo() throws IOException {
    problem(404, "no rollout named kernel-9");

    assertThatThrownBy(() -> platform.matrix(new MatrixTarget.OfRollout("kernel-9")))
        .hasMessage("no rollout named kernel-9");
  }
}
