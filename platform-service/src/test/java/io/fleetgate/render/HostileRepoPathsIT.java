package io.fleetgate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.source.SourceFetcher;
import io.fleetgate.source.jgit.GitSource;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.tools.ToolCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config repository written by an attacker, committed to a real Git repository, fetched by the
 * platform's Git source (symlinks arrive as symlinks) and rendered with the real kustomize: no file
 * outside the repository is read, no oversized input reaches kustomize, and no nested kustomization
 * fetches a remote base. Every refusal names the file and what to do.
 */
class HostileRepoPathsIT {

  private static final ClusterTarget CLUSTER =
      new ClusterTarget(
          "fleet", "beijing-prod", Map.of("region", "cn-beijing"), ClusterPhase.PROVISIONED);

  @TempDir Path work;
  private FleetRepo repo;
  private Path outside;
  private final Renderer renderer =
      new Renderer(
          ManifestLimits.defaults(), new Kustomize(ToolCache.locate().executable("kustomize")));

  @BeforeEach
  void repository() throws Exception {
    outside = Files.createDirectories(work.resolve("host"));
    Files.writeString(
        outside.resolve("fleet.yaml"),
        "apiVersion: fleetgate.io/v1alpha1\nkind: Fleet\nspec:\n  bundles:\n"
            + "    - {name: stolen, path: apps}\n");
    Files.writeString(
        outside.resolve("waivers.yaml"),
        "apiVersion: fleetgate.io/v1alpha1\nkind: WaiverList\nwaivers: []\n");
    Files.writeString(outside.resolve("token"), "host-secret-value\n");
    repo = FleetRepo.seed(work.resolve("fleet"));
  }

  @Test
  void aFleetYamlLinkedOutsideTheRepositoryIsRefusedNamingTheFile() throws Exception {
    repo.delete("fleet.yaml");
    link("fleet.yaml", outside.resolve("fleet.yaml"));
    repo.commit("fleet.yaml from the host");

    List<RenderProblem> problems = renderer.load(fetch()).fleetProblems();

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("fleet.yaml");
              assertThat(p.message())
                  .contains("outside the repository")
                  .contains("commit the file itself");
            });
  }

  @Test
  void aWaiversFileLinkedOutsideTheRepositoryIsRefusedNamingTheFile() throws Exception {
    link("waivers.yaml", outside.resolve("waivers.yaml"));
    repo.commit("waivers from the host");

    LoadedRepo loaded = renderer.load(fetch());

    assertThat(loaded.fleetProblems())
        .anySatisfy(
            p -> {
              assertThat(p.location().path()).isEqualTo("waivers.yaml");
              assertThat(p.message()).contains("outside the repository");
            });
  }

  @Test
  void aFileAKustomizationReadsThatLinksOutsideIsRefusedBeforeKustomizeRuns() throws Exception {
    kustomizedBundle("secretGenerator:\n  - name: stolen\n    files: [token]\n");
    link("apps/token", outside.resolve("token"));
    repo.commit("a secret from the host");

    RenderResult result = renderer.render(renderer.load(fetch()), CLUSTER);

    assertThat(appsObjects(result)).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/token");
              assertThat(p.message()).contains("outside the repository");
            });
    assertThat(result.problems().toString()).doesNotContain("host-secret-value");
  }

  @Test
  void anOversizedFileAKustomizationReadsIsRefusedBeforeKustomizeRuns() throws Exception {
    kustomizedBundle("configMapGenerator:\n  - name: big\n    files: [big.txt]\n");
    repo.write("apps/big.txt", "x".repeat(3 << 20)).commit("3 MiB of data");

    RenderResult result = renderer.render(renderer.load(fetch()), CLUSTER);

    assertThat(appsObjects(result)).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/big.txt");
              assertThat(p.message()).contains("3.0 MiB").contains("at most 2.0 MiB");
            });
  }

  @Test
  void aNestedKustomizationWithARemoteBaseIsRefused() throws Exception {
    kustomizedBundle("resources:\n  - base\n");
    repo.write(
            "apps/base/kustomization.yaml",
            "resources:\n  - https://github.com/example/config//base?ref=v1\n")
        .commit("a remote base, one level down");

    RenderResult result = renderer.render(renderer.load(fetch()), CLUSTER);

    assertThat(appsObjects(result)).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().path()).isEqualTo("apps/base/kustomization.yaml");
              assertThat(p.message()).contains("remote base").contains("vendor it");
            });
  }

  @Test
  void aNestedKustomizationFileNamedKustomizationIsCheckedToo() throws Exception {
    kustomizedBundle("resources:\n  - base\n");
    repo.write("apps/base/Kustomization", "components:\n  - git@github.com:example/c.git\n")
        .commit("a remote component under kustomize's third file name");

    RenderResult result = renderer.render(renderer.load(fetch()), CLUSTER);

    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.location().path()).isEqualTo("apps/base/Kustomization"));
  }

  private static List<String> appsObjects(RenderResult result) {
    return result.objects().stream()
        .filter(o -> o.bundle().equals("apps"))
        .map(o -> o.ref().toString())
        .toList();
  }

  private void kustomizedBundle(String kustomization) {
    String fleet = repo.read("fleet.yaml");
    repo.write(
        "fleet.yaml",
        fleet.replace("  bundles:\n", "  bundles:\n    - name: apps\n      path: apps\n"));
    repo.write("apps/kustomization.yaml", kustomization);
  }

  private void link(String relative, Path target) throws Exception {
    Path file = repo.dir().resolve(relative);
    Files.createDirectories(file.getParent());
    Files.createSymbolicLink(file, target);
  }

  /** The repository as the platform sees it: fetched into a working copy by the Git source. */
  private Path fetch() throws Exception {
    SourceFetcher.Fetch fetch =
        new GitSource(repo.dir().toString(), "main", work.resolve("data")).fetch();
    return fetch.worktree();
  }
}
