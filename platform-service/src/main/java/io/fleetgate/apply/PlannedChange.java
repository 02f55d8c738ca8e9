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
    UNCHANGED("="),
    PRUNE("-"),
    KEEP_PROTECTED("!"),
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
