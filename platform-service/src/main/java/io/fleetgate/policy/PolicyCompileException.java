package io.fleetgate.policy;

import io.fleetgate.domain.SourceLocation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fleet repository's own policies cannot be used: they do not compile, break the rules for users'
 * packages, or the compiler is missing. Every cluster the repository targets must stall.
 */
public final class PolicyCompileException extends PolicyException {

  /** One thing wrong, where it is. */
  public record Problem(SourceLocation location, String message) {
    @Override
    public String toString() {
      return location + ": " + message;
    }
  }

  private final List<Problem> problems;

  public PolicyCompileException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
