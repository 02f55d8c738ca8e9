package io.fleetgate.rollout;

import io.fleetgate.domain.SourceLocation;
import java.util.List;

/**
 * A {@code fleetgate.io/v1alpha1 PatchRollout}: a target version taken through the fleet wave by
 * wave, in the order the waves are written.
 */
public record PatchRollout(
    String name,
    RolloutTarget target,
    List<Wave> waves,
    FailurePolicy onFailure,
    SourceLocation declaredAt) {

  public PatchRollout {
    waves = List.copyOf(waves);
  }
}
