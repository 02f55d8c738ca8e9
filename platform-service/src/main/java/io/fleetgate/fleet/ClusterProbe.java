package io.fleetgate.fleet;

import io.fleetgate.domain.ClusterAccess;
import java.util.Optional;

/** Asks one cluster's API server whether it answers and which Kubernetes version it runs. */
public interface ClusterProbe {

  /** Never throws: an unreachable cluster is a result, not an error. */
  Result probe(ClusterAccess access);

  /**
   * @param reachable whether the API server answered
   * @param kubernetesVersion its reported version when it answered
   * @param problem why not, in a sentence; empty when reachable
   */
  record Result(boolean reachable, Optional<String> kubernetesVersion, String problem) {

    public static Result answered(String version) {
      return new Result(true, Optional.of(version), "");
    }

    public static Result unreachable(String problem) {
      return new Result(false, Optional.empty(), problem);
    }
  }
}
