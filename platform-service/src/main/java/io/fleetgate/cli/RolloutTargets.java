package io.fleetgate.cli;

import io.fleetgate.patch.PatchTarget;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.rollout.PatchRollout;
import io.fleetgate.rollout.RolloutCatalog;
import io.fleetgate.rollout.RolloutProblem;
import java.nio.file.Files;
import java.nio.file.Path;

/** The patch target a rollout of a working copy names, for the commands that judge nodes by it. */
final class RolloutTargets {

  private RolloutTargets() {}

  /**
   * @param alsoGiven whether a target was given on the command line too (refused: one or the other)
   * @throws IllegalArgumentException naming what is wrong: no repository, a rollout that does not
   *     read, or none of that name
   */
  static PatchTarget of(Path repo, String name, boolean alsoGiven) {
    return of(repo, name, alsoGiven, "--rollout", "--kubernetes-version, --kernel and --os-image");
  }

  /**
   * @param option the option naming the rollout, for the messages
   * @param versionOptions the options naming versions instead, for the messages
   */
  static PatchTarget of(
      Path repo, String name, boolean alsoGiven, String option, String versionOptions) {
    if (alsoGiven) {
      throw new IllegalArgumentException(option + " names the target; leave out " + versionOptions);
    }
    if (repo == null || !Files.isDirectory(repo)) {
      throw new IllegalArgumentException(
          option + " " + name + " needs --repo, the config repository's working copy");
    }
    Renderer renderer = new Renderer(ManifestLimits.defaults());
    LoadedRepo loaded = renderer.load(repo);
    RolloutCatalog catalog = renderer.rollouts(repo, loaded);
    PatchRollout rollout = catalog.named(name).orElse(null);
    if (rollout == null) {
      String problems =
          catalog.problems().stream()
              .filter(p -> p.location().path().startsWith("rollouts/"))
              .map(RolloutProblem::toString)
              .reduce((a, b) -> a + "\n" + b)
              .map(text -> "; the rollouts that do not read:\n" + text)
              .orElse("");
      throw new IllegalArgumentException(
          "no rollout named '"
              + name
              + "' in "
              + repo.resolve("rollouts")
              + " (its rollouts: "
              + (catalog.rollouts().isEmpty()
                  ? "none"
                  : String.join(", ", catalog.rollouts().stream().map(PatchRollout::name).toList()))
              + ")"
              + problems);
    }
    var target = rollout.target();
    return new PatchTarget(
        target.kubernetesVersion().orElse(null),
        target.kernelVersion().orElse(null),
        target.osImage().orElse(null));
  }
}
