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
   *     name none of their own (and whose problems are reported here, since only rollouts use
   *     them); null when fleet.yaml could not be read
   * @param slos the names of the repository's SLOs
   */
  public static RolloutCatalog read(
      Path repoRoot, ManifestLimits limits, FleetSpec spec, java.util.Set<String> slos) {
    SpecFiles.Read read = new SpecFiles(limits).below(repoRoot, DIRECTORY);
    RolloutReader reader =
        new RolloutReader(
            name ->
                spec == null
                    ? Optional.<LabelSelector>empty()
                    : spec.wave(name).map(FleetSpec.Wave::clusterSelector),
            slos);
    RolloutCatalog catalog = reader.read(read.documents());
    List<RenderProblem> waves = spec == null ? List.of() : spec.waveProblems();
    if (read.problems().isEmpty() && waves.isEmpty()) {
      return catalog;
    }
    List<RolloutProblem> problems = new ArrayList<>();
    for (RenderProblem p : waves) {
      problems.add(new RolloutProblem(p.location(), "", p.message()));
    }
    for (RenderProblem p : read.problems()) {
      problems.add(new RolloutProblem(p.location(), "", p.message()));
    }
    problems.addAll(catalog.problems());
    return new RolloutCatalog(catalog.rollouts(), problems);
  }
}
