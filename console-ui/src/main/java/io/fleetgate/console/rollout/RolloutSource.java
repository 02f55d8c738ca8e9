package io.fleetgate.console.rollout;

import io.fleetgate.api.RolloutStatus;

/**
 * Where the Rollouts tab reads rollouts and the patch matrix from, and sends commands to (the
 * platform's API); every call may block. The answers are the API's own shapes ({@link
 * RolloutStatus}): the console reads them as the platform writes them.
 */
public interface RolloutSource {

  /** Every rollout of the synced revision, with its waves, clusters, gates and recent steps. */
  RolloutStatus.Board board();

  /**
   * Gives a rollout a command.
   *
   * @throws RolloutStatus.RefusedException when the rollout does not exist or the command is out of
   *     turn; its message says why
   */
  RolloutStatus.CommandResult command(String rollout, RolloutStatus.Command command);

  /** The fleet's patch matrix, judged against a target. */
  RolloutStatus.Matrix matrix(MatrixTarget target);

  /** What the matrix judges nodes against. */
  sealed interface MatrixTarget {

    /** Nothing: the matrix only counts nodes at each level. */
    record Nothing() implements MatrixTarget {}

    /** The versions a rollout brings its clusters to. */
    record OfRollout(String name) implements MatrixTarget {}

    /** Versions typed in; a blank one is not judged. */
    record Versions(String kubernetesVersion, String kernelVersion, String osImage)
        implements MatrixTarget {
      public Versions {
        kubernetesVersion = kubernetesVersion == null ? "" : kubernetesVersion.strip();
        kernelVersion = kernelVersion == null ? "" : kernelVersion.strip();
        osImage = osImage == null ? "" : osImage.strip();
      }

      public boolean blank() {
        return kubernetesVersion.isEmpty() && kernelVersion.isEmpty() && osImage.isEmpty();
      }
    }
  }
}
