package io.fleetgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The manifests as an Argo CD user keeps them: plain YAML in one directory on branch {@code main}
 * of a bare repository, which {@code GitHttpServer} serves, changed through a working copy that
 * pushes to it. The directory holds the same namespace and ConfigMap documents as the benchmarks'
 * bundle.
 */
final class PlainManifestsRepo {

  static final String BRANCH = "main";
  static final String PATH = "bench";

  private final Path work;

  private PlainManifestsRepo(Path work) {
    this.work = work;
  }

  /**
   * Creates the bare repository {@code served/<name>.git} and a working copy in {@code work} that
   * pushes to it.
   */
  static PlainManifestsRepo create(Path served, String name, Path work) throws Exception {
    Path bare = Files.createDirectories(served.resolve(name + ".git"));
    git(bare, "init", "-q", "--bare");
    git(bare, "symbolic-ref", "HEAD", "refs/heads/" + BRANCH);
    Files.createDirectories(work);
    git(work, "init", "-q", "-b", BRANCH);
    git(work, "remote", "add", "origin", bare.toString());
    return new PlainManifestsRepo(work);
  }

  /** Writes the bundle at {@code round}, commits and pushes it; returns the commit id. */
  String publish(BenchBundle bundle, int round, String message) throws Exception {
    Path dir = Files.createDirectories(work.resolve(PATH));
    Files.writeString(dir.resolve("namespace.yaml"), bundle.namespaceYaml());
    Files.writeString(dir.resolve("config-maps.yaml"), bundle.configMapsYaml(round));
    git(work, "add", "-A");
    git(
        work,
        "-c",
        "user.name=Ana Operator",
        "-c",
        "user.email=ana@example.com",
        "commit",
        "-q",
        "-m",
        message);
    git(work, "push", "-q", "origin", BRANCH);
    return git(work, "rev-parse", "HEAD");
  }

  /** Runs Git in {@code dir} and returns what it printed; fails unless it succeeded. */
  static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
      git.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
