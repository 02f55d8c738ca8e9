package io.fleetgate.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One commit of the fleet config repository.
 *
 * @param commit the full commit id
 * @param author the author as {@code Name <email>}
 * @param time the commit time
 * @param message the first line of the commit message
 */
public record Revision(String commit, String author, Instant time, String message) {

  public Revision {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(message, "message");
  }

  /** The first 12 characters of the commit id, as people read it. */
  public String shortCommit() {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }
}
