package io.fleetgate.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a config repository's author controls — a manifest, {@code fleet.yaml}, {@code
 * waivers.yaml}, kustomize's output — through the real renderer: every input renders or becomes a
 * problem naming its file, never an exception. Runs over the committed corpus in the normal test
 * suite; {@code JAZZER_FUZZ=1} explores (docs/fuzzing.md).
 */
class RepositoryFuzzTest {

  private static final ClusterTarget TARGET =
      new ClusterTarget(
          "fleet", "fuzz-prod", Map.of("provider", "aws", "env", "prod"), ClusterPhase.PROVISIONED);
  private static final String FLEET =
      """
      apiVersion: fleetgate.io/v1alpha1
      kind: Fleet
      metadata:
        name: fuzz
      spec:
        bundles:
          - name: b
            path: bundles/b
            clusterSelector: {}
      """;
  private static final String MANIFEST =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: c
        namespace: n
      data:
        k: v
      """;

  private final Renderer renderer = new Renderer(ManifestLimits.defaults());

  @FuzzTest(maxDuration = "60s")
  void aManifestRendersOrNamesItsFile(byte[] manifest) {
    renderRepo(FLEET, manifest, null, "bundles/b/fuzz.yaml");
  }

  @FuzzTest(maxDuration = "60s")
  void aFleetFileRendersOrNamesItself(byte[] fleet) {
    renderRepo(fleet, MANIFEST.getBytes(), null, FleetSpec.FILE);
  }

  @FuzzTest(maxDuration = "60s")
  void aWaiverFileRendersOrNamesItself(byte[] waivers) {
    renderRepo(FLEET, MANIFEST.getBytes(), waivers, WaiverFile.FILE);
  }

  @FuzzTest(maxDuration = "60s")
  void kustomizeOutputParsesOrNamesTheKustomization(byte[] output) {
    String relative = "bundles/k/kustomization.yaml (kustomize output)";
    try {
      new ManifestParser(ManifestLimits.defaults().scaled(4))
          .parseText(new String(output, java.nio.charset.StandardCharsets.UTF_8), relative);
    } catch (ManifestException e) {
      assertThat(e.getMessage()).contains("bundles/k/kustomization.yaml");
    }
  }

  private void renderRepo(Object fleet, byte[] manifest, byte[] waivers, String fuzzed) {
    Path root = null;
    try {
      root = Files.createTempDirectory("fleetgate-fuzz");
      Files.write(
          root.resolve(FleetSpec.FILE),
          fleet instanceof byte[] bytes ? bytes : ((String) fleet).getBytes());
      Files.createDirectories(root.resolve("bundles/b"));
      Files.write(root.resolve("bundles/b/fuzz.yaml"), manifest);
      if (waivers != null) {
        Files.write(root.resolve(WaiverFile.FILE), waivers);
      }
      LoadedRepo repo = renderer.load(root);
      RenderResult result = renderer.render(repo, TARGET);
      result
          .problems()
          .forEach(
              problem ->
                  assertThat(problem.location().path())
                      .as("a problem names a file: %s", problem)
                      .isNotBlank());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(root);
    }
  }

  private static void delete(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
