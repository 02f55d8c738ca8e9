package io.fleetgate.rollout;

import java.util.List;
import java.util.Optional;

/** The rollouts a repository declares, and the problems of those it could not read. */
public record RolloutCatalog(List<PatchRollout> rollouts, List<RolloutProblem> problems) {

  public RolloutCatalog {
    rollouts = List.copyOf(rollouts);
    problems = List.copyOf(problems);
  }

  public static final RolloutCatalog EMPTY = new RolloutCatalog(List.of(), List.of());

  public Optional<PatchRollout> named(String name) {
    return rollouts.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
