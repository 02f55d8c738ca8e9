package io.fleetgate.argocd.deploy;

/**
 * Where rendered trees are published for Argo CD to read: a branch of a Git repository that only
 * Fleetgate writes. The adapter is {@code source.jgit.RenderedBranch}.
 */
public interface RenderedTrees {

  /**
   * Makes the branch hold {@code tree} as its cluster's whole directory, leaving every other
   * cluster's directory as it is.
   *
   * @param sourceCommit the config repository commit the tree was rendered from, for the message;
   *     empty when the caller does not know it
   * @return the commit that holds it: a new one, or the branch's tip when it already did
   * @throws PublishException when the repository cannot be reached or keeps refusing the push
   */
  Published publish(RenderedTree tree, String sourceCommit);

  /**
   * @param commit the commit id to pin Applications to
   * @param changed whether this call made it
   */
  record Published(String commit, boolean changed) {}

  /** The rendered tree could not be published; the message names the repository and why. */
  final class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
