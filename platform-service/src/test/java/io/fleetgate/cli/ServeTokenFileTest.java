package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --api-token-file}: what it refuses before anything starts, never quoting a token.
 */
class ServeTokenFileTest {

  private static final String TOKEN = "fgt_Zq3xV9mK2pL7nR4tW8yB1cD6fG0hJ5sE-_uIoAaXkMv";

  @TempDir Path dir;

  private CliRun serve(String... tokenFiles) {
    String[] args = new String[5 + tokenFiles.length * 2];
    args[0] = "serve";
    args[1] = "--repo";
    args[2] = dir.resolve("no-repo").toString();
    args[3] = "--management-kubeconfig";
    args[4] = dir.resolve("no-kubeconfig").toString();
    for (int i = 0; i < tokenFiles.length; i++) {
      args[5 + 2 * i] = "--api-token-file";
      args[6 + 2 * i] = tokenFiles[i];
    }
    return CliRun.of(args);
  }

  @Test
  void oneTokenForTwoRolesIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");

    CliRun run = serve("viewer=" + file, "operator=" + file);

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("holds the token of another role").doesNotContain(TOKEN);
  }

  @Test
  void oneRoleNamedTwiceIsRefused() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), TOKEN);
    Path b = Files.writeString(dir.resolve("b"), TOKEN.replace('Z', 'Y'));

    CliRun run = serve("admin=" + a, "ADMIN=" + b);

    assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("names role admin twice");
  }

  @Test
  void aLargeUnreadableOrWeakFileIsRefusedNamingTheFileNotItsContent() throws Exception {
    Path large = Files.writeString(dir.resolve("large"), TOKEN.repeat(40));
    Path weak = Files.writeString(dir.resolve("weak"), "fgt_" + "A".repeat(43));

    assertThat(serve("viewer=" + large).err()).contains(large + ": larger than 1 KiB");
    assertThat(serve("viewer=" + dir.resolve("missing")).err())
        .contains(dir.resolve("missing") + ": cannot be read");
    CliRun run = serve("viewer=" + weak);
    assertThat(run.err()).contains(weak + ": a provisioned token must be").doesNotContain("AAAA");
    assertThat(serve("root=" + weak).err()).contains("the role must be viewer, operator or admin");
  }
}
