package io.fleetgate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.tools.ToolCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kustomization bundles rendered by the real, pinned kustomize binary. */
class KustomizeRenderIT {

  private static final ClusterTarget CLUSTER =
      new ClusterTarget(
          "fleet", "beijing-prod", Map.of("region", "cn-beijing"), ClusterPhase.PROVISIONED);

  private final Renderer renderer =
      new Renderer(
          ManifestLimits.defaults(), new Kustomize(ToolCache.locate().executable("kustomize")));

  @Test
  void rendersAKustomizationWithItsBaseAndSubstitutesClusterVariables(@TempDir Path repo)
      throws IOException {
    fleet(repo);
    write(
        repo,
        "apps/base/config.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  region: ${cluster.labels.region}\n");
    write(repo, "apps/base/kustomization.yaml", "resources:\n  - config.yaml\n");
    write(
        repo,
        "apps/kustomization.yaml",
        "namespace: apps\nnamePrefix: prod-\ncommonLabels:\n  team: payments\nresources:\n  - base\n");

    RenderResult result = renderer.render(renderer.load(repo), CLUSTER);

    assertThat(result.problems()).isEmpty();
    RenderedObject settings = result.objects().getFirst();
    assertThat(settings.ref().toString()).isEqualTo("ConfigMap apps/prod-settings");
    assertThat(((Map<?, ?>) settings.content().get("data")).get("region")).isEqualTo("cn-beijing");
    assertThat(settings.source().path()).isEqualTo("apps/kustomization.yaml (kustomize output)");
  }

  @Test
  void aKustomizeThatDoesNotFinishIsKilledAtItsDeadlineAndTheRenderFails(@TempDir Path repo)
      throws Exception {
    fleet(repo);
    write(repo, "apps/kustomization.yaml", "resources:\n  - config.yaml\n");
    // A named pipe nobody writes to: kustomize opens it and waits forever.
    Process mkfifo =
        new ProcessBuilder("mkfifo", repo.resolve("apps/config.yaml").toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    Renderer impatient =
        new Renderer(
            ManifestLimits.defaults(),
            new Kustomize(
                ToolCache.locate().executable("kustomize"), java.time.Duration.ofSeconds(2)));

    long started = System.nanoTime();
    RenderResult result = impatient.render(impatient.load(repo), CLUSTER);
    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isLessThan(java.time.Duration.ofSeconds(2 + 5));
    assertThat(result.ok()).isFalse();
    assertThat(result.objects()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .hasToString(
            "apps/kustomization.yaml: kustomize build did not finish within its deadline of 2 s"
                + " and was stopped; look for a file it cannot finish reading, or raise"
                + " --kustomize-deadline");
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(repo.toString())))
        .isEmpty();
  }

  @Test
  void refusesRemoteBases(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(
        repo,
        "apps/kustomization.yaml",
        "resources:\n  - https://github.com/example/config//base?ref=v1\n");

    RenderResult result = renderer.render(renderer.load(repo), CLUSTER);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/kustomization.yaml");
              assertThat(p.message()).contains("remote base").contains("vendor it");
            });
  }

  @Test
  void refusesFilesOutsideTheKustomization(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(repo, "secret.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\n");
    write(repo, "apps/kustomization.yaml", "resources:\n  - ../secret.yaml\n");

    RenderResult result = renderer.render(renderer.load(repo), CLUSTER);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .startsWith("kustomize build failed")
                    .contains("secret.yaml"));
  }

  @Test
  void reportsKustomizeErrorsWithTheKustomizationFile(@TempDir Path repo) throws IOException {
    fleet(repo);
    write(repo, "apps/kustomization.yaml", "resources:\n  - missing.yaml\n");

    RenderResult result = renderer.render(renderer.load(repo), CLUSTER);

    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/kustomization.yaml");
              assertThat(p.message()).contains("kustomize build failed").contains("missing.yaml");
            });
  }

  @Test
  void aProcessTheBuildStartedIsKilledWithIt(@TempDir Path dir) throws Exception {
    // A child that forks a grandchild and exits leaves it orphaned: no longer anyone's
    // descendant by the time the tree is listed, the way a forking plugin would escape.
    String marker = "3600." + ProcessHandle.current().pid();
    Process build =
        new ProcessBuilder(
                Kustomize.inOwnGroup(
                    List.of("sh", "-c", "(sleep " + marker + " &); exec sleep 3600")))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      waitFor(() -> running(marker).size() == 1);

      Kustomize.killTree(build);

      waitFor(() -> running(marker).isEmpty());
      assertThat(build.isAlive()).isFalse();
    } finally {
      running(marker).forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void outputOverTheLimitIsReportedAsSoonAsItPassesTheLimit(@TempDir Path repo) throws Exception {
    write(
        repo,
        "apps/config.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "
            + "x".repeat(1 << 20)
            + "\n");
    write(repo, "apps/kustomization.yaml", "resources:\n  - config.yaml\n");
    Kustomize kustomize =
        new Kustomize(ToolCache.locate().executable("kustomize"), java.time.Duration.ofSeconds(20));

    long started = System.nanoTime();
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                kustomize.build(
                    repo.resolve("apps"),
                    "apps",
                    Map.of("apps/kustomization.yaml", repo.resolve("apps/kustomization.yaml")),
                    64 << 10));
    java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

    assertThat(thrown)
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("kustomize build produced more than 64 KiB");
    assertThat(took).isLessThan(java.time.Duration.ofSeconds(10));
  }

  private static List<ProcessHandle> running(String marker) {
    try (var all = ProcessHandle.allProcesses()) {
      return all.filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - until).as("waited 10 s").isNegative();
      Thread.sleep(20);
    }
  }

  private static void fleet(Path repo) throws IOException {
    write(
        repo,
        "fleet.yaml",
        "apiVersion: fleetgate.io/v1alpha1\nkind: Fleet\nmetadata:\n  name: test\nspec:\n  bundles:\n    - name: apps\n      path: apps\n");
  }

  private static void write(Path repo, String relative, String content) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
