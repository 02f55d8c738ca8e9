package io.fleetgate.source;

import io.fleetgate.domain.Revision;
import java.nio.file.Path;

/** Brings a working copy of the config repository up to the tip of its branch. */
public interface SourceFetcher {

  /**
   * Fetches and checks out the branch tip.
   *
   * @return {@link Fetch.Fresh} normally; {@link Fetch.Stale} when the remote cannot be reached but
   *     an earlier checkout exists
   * @throws SourceException when there is nothing to work from at all, or when the remote names no
   *     branch to follow (its HEAD is detached or the repository is empty) and none was given
   */
  Fetch fetch() throws SourceException;

  /**
   * The remote and the branch followed, for messages and records (never with credentials); the
   * branch may be known only after a fetch when it is the remote's default.
   */
  String describe();

  /** The outcome of a fetch. */
  sealed interface Fetch {
    Revision revision();

    Path worktree();

    /** The branch tip, just fetched. */
    record Fresh(Revision revision, Path worktree) implements Fetch {}

    /** The remote could not be reached; this is the last revision fetched. */
    record Stale(Revision revision, Path worktree, String reason) implements Fetch {}

    /** The branch tip is not signed by an allowed signer; nothing of it may be applied. */
    record Refused(Revision revision, Path worktree, String reason) implements Fetch {}
  }
}
