package io.fleetgate.apply;

import io.fleetgate.domain.ObjectRef;
import java.util.List;

/**
 * What applying Git would do to one object, found without changing anything.
 *
 * @param diff {@code path: live → desired} lines for updates; empty otherwise
 */
public record PlannedChange(
    ObjectRef ref, String bundle, String source, Change change, List<String> diff) {

  /** The closed set of planned changes. */
  public enum Change {
    CREATE("+"),
    UPDATE("~"),
    /** Moves to the bundle that now declares it; never deleted and re-created. */
    ADOPT(">"),
    UNCHANGED("="),
    PRUNE("-"),
    KEEP_PROTECTED("!"),
    /** Declared by a bundle that policy denied: left as it is. */
    BLOCKED("#"),
    INVALID("x");

    private final String symbol;

    Change(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
