package io.fleetgate.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers the console cannot read, from a loopback HTTP server: a newer platform's value of an
 * enumeration, and a body that is not JSON. The window says what happened and what to do, not that
 * the platform does not answer.
 */
class RemotePlatformAnswersTest {

  private LoopbackPlatform server;
  private RemotePlatform platform;

  @BeforeEach
  void serve() throws IOException {
    server = LoopbackPlatform.start();
    platform = server.client("fgt_viewer");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aValueOfANewerPlatformIsExplainedAsSuch() {
    server.reply(
        LoopbackPlatform.Reply.json(
            """
        {"state":"READ","cluster":"fleet/beijing-prod","server":"https://argocd.example",
         "problem":"","readAt":null,
         "applications":[{"name":"fleet-beijing-prod-baseline","bundle":"baseline",
           "sync":"SYNCED","health":"HIBERNATING","operation":"SUCCEEDED"}]}
        """));

    assertThatThrownBy(() -> platform.argoCd("fleet/beijing-prod"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The platform answered in a form this console cannot read (")
        .hasMessageContaining("HIBERNATING")
        .hasMessageContaining("newer than this console (use the console of its version)")
        .hasMessageNotContaining("does not answer");
  }

  @Test
  void aBodyThatIsNotJsonIsExplainedInOneBoundedLine() {
    server.reply(
        LoopbackPlatform.Reply.json("<html>\n" + "proxy error ".repeat(500) + "\n</html>"));

    assertThatThrownBy(() -> platform.argoCd("fleet/beijing-prod"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The platform answered in a form this console cannot read (")
        .satisfies(
            e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).hasSizeLessThan(400))
        .satisfies(
            e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void whatAServerSaysIsShownPrintableAndCutAtACharacter() {
    String said = "refused\u001b[31m \u202Eevil\n" + "😀".repeat(300);

    String shown = RemotePlatform.bounded(said);

    assertThat(shown).startsWith("refused [31m evil 😀").endsWith("…").doesNotContain("\u001b");
    assertThat(shown).doesNotContain("\u202E").doesNotContain("\n");
    assertThat(shown.codePointCount(0, shown.length())).isEqualTo(200);
    assertThat(shown.substring(0, shown.length() - 1)).as("no half character").endsWith("😀");
  }
}
