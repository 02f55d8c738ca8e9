package io.fleetgate.render;

import io.fleetgate.domain.LabelSelector;
import io.fleetgate.rollout.RolloutCatalog;
import io.fleetgate.rollout.RolloutProblem;
import io.fleetgate.rollout.RolloutReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patch rollouts a config repository declares in {@code rollouts/}, read like its manifests.
 */
public final class RolloutFiles {

  /** The directory of PatchRollout documents, relative to the repository root. */
  public static final String DIRECTORY = "rollouts";

  private RolloutFiles() {}

  /**
   * @param spec the fleet's spec, whose {@code spec.waves} name the clusters of rollout waves that
   *     name none of their own; null when fleet.yaml could not be read
   */
  public static RolloutCatalog read(Path repoRoot, ManifestLimits limits, FleetSpec spec) {
    SpecFiles.Read read = new SpecFiles(limits).below(repoRoot, DIRECTORY);
    RolloutReader reader =
        new RolloutReader(
            name ->
                spec == null
                    ? Optional.<LabelSelector>empty()
                    : spec.wave(name).map(FleetSpec.Wave::clusterSelector));
    RolloutCatalog catalog = reader.read(read.documents());
    if (read.problems().isEmpty()) {
      return catalog;
    }
    List<RolloutProblem> problems = new ArrayList<>();
    for (RenderProblem p : read.problems()) {
      problems.add(new RolloutProblem(p.location(), "", p.message()));
    }
    problems.addAll(catalog.problems());
    return new RolloutCatalog(catalog.rollouts(), problems);
  }
}
