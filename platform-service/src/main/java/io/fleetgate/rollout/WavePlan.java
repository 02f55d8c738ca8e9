package io.fleetgate.rollout;

import io.fleetgate.domain.ClusterTarget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which clusters each wave of a rollout reaches. A cluster goes with the first wave that reaches
 * it, so no cluster is patched twice; a cluster no wave reaches is left out and listed; a wave that
 * names a cluster the fleet does not have says so.
 *
 * @param waves each wave with its clusters, in the rollout's order
 * @param unreached the fleet's clusters no wave reaches, by name
 */
public record WavePlan(PatchRollout rollout, List<Planned> waves, List<String> unreached) {

  /**
   * @param clusters the clusters this wave patches, in name order
   * @param alreadyInEarlierWave clusters this wave also selects that an earlier wave patches
   * @param unknown names the wave gives that are no cluster of the fleet
   */
  public record Planned(
      Wave wave,
      List<ClusterTarget> clusters,
      List<String> alreadyInEarlierWave,
      List<String> unknown) {}

  public static WavePlan of(PatchRollout rollout, List<ClusterTarget> fleet) {
    List<ClusterTarget> sorted =
        fleet.stream().sorted(java.util.Comparator.comparing(ClusterTarget::name)).toList();
    Set<String> taken = new HashSet<>();
    Map<String, ClusterTarget> byName = new LinkedHashMap<>();
    sorted.forEach(c -> byName.putIfAbsent(c.name(), c));
    List<Planned> waves = new ArrayList<>();
    for (Wave wave : rollout.waves()) {
      List<ClusterTarget> clusters = new ArrayList<>();
      List<String> earlier = new ArrayList<>();
      for (ClusterTarget cluster : sorted) {
        if (!wave.clusters().reaches(cluster.name(), cluster.labels())) {
          continue;
        }
        if (taken.add(cluster.qualifiedName())) {
          clusters.add(cluster);
        } else {
          earlier.add(cluster.name());
        }
      }
      List<String> unknown =
          wave.clusters().names().stream().filter(n -> !byName.containsKey(n)).toList();
      waves.add(new Planned(wave, clusters, earlier, unknown));
    }
    List<String> unreached =
        sorted.stream()
            .filter(c -> !taken.contains(c.qualifiedName()))
            .map(ClusterTarget::name)
            .toList();
    return new WavePlan(rollout, waves, unreached);
  }
}
