package io.fleetgate.policy;

/** Compiles the built-in policies together with a fleet repository's own into one bundle. */
public interface PolicyCompiler {

  /**
   * @param builtIn the built-in policies as Rego
   * @param custom the repository's files; not empty
   * @return a bundle with the same entrypoints as the built-in one
   * @throws PolicyCompileException naming file and line of what is wrong, or why nothing can be
   *     compiled
   */
  PolicyBundle compile(PolicyBundle builtIn, RepoPolicies custom) throws PolicyCompileException;

  /** A compiler that refuses every repository policy, saying why. */
  static PolicyCompiler unavailable(String reason) {
    return (builtIn, custom) -> {
      throw new PolicyCompileException(
          java.util.List.of(
              new PolicyCompileException.Problem(
                  io.fleetgate.domain.SourceLocation.file(RepoPolicies.DIRECTORY + "/"), reason)));
    };
  }
}
