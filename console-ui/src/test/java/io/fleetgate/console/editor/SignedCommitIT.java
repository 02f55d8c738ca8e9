package io.fleetgate.console.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor signs commits with the SSH key the working copy's Git configuration names (a key made
 * by the real ssh-keygen), and says how to set one up when there is none.
 */
class SignedCommitIT {

  @Test
  void signsWithTheConfiguredSshKeyAndExplainsAMissingOne(@TempDir Path dir) throws Exception {
    Path origin = dir.resolve("origin");
    Files.createDirectories(origin);
    Files.writeString(origin.resolve("fleet.yaml"), "kind: Fleet\n");
    try (Git git = Git.init().setInitialBranch("main").setDirectory(origin.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("init")
          .setAuthor("A", "a@example.com")
          .setCommitter("A", "a@example.com")
          .setSign(false)
          .call();
    }
    Path key = dir.resolve("signing");
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "ana@example.com",
                "-f",
                key.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keygen.exitValue()).as(new String(keygen.getInputStream().readAllBytes())).isZero();

    try (Workspace workspace = Workspace.open(dir.resolve("clone"), origin.toUri().toString())) {
      PersonIdent ana = new PersonIdent("Ana Operator", "ana@example.com");
      workspace.write("fleet.yaml", "kind: Fleet\nmetadata: {name: a}\n");
      EditorException missing = null;
      try {
        workspace.commit("Unsigned on purpose", ana, false, true);
      } catch (EditorException e) {
        missing = e;
      }
      assertThat(missing).isNotNull();
      assertThat(missing.getMessage()).startsWith("Cannot sign the commit: set user.signingKey");

      try (Git git = Git.open(workspace.root().toFile())) {
        var config = git.getRepository().getConfig();
        config.setString("gpg", null, "format", "ssh");
        config.setString("user", null, "signingKey", key.toString());
        config.save();
      }
      String id = workspace.commit("Signed", ana, true, true);

      try (Git git = Git.open(workspace.root().toFile());
          RevWalk walk = new RevWalk(git.getRepository())) {
        RevCommit commit = walk.parseCommit(git.getRepository().resolve(id));
        String raw = new String(commit.getRawBuffer(), StandardCharsets.UTF_8);
        assertThat(raw).contains("gpgsig -----BEGIN SSH SIGNATURE-----");
        assertThat(commit.getFullMessage())
            .contains("Signed-off-by: Ana Operator <ana@example.com>");
      }
    }
  }
}
