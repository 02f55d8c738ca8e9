package io.fleetgate.bench;

import java.util.List;

/**
 * {@code bin/bench [--smoke] [policy] [apply] [commit] [noop] …}: runs the named benchmarks (all by
 * default). With {@code --smoke}, those that support it run at a tiny size and only check that
 * Fleetgate and the baseline both ran and agreed, without timing targets.
 */
public final class Main {

  /** Set by {@code --smoke}. */
  static boolean smoke;

  private Main() {}

  public static void main(String[] args) throws Exception {
    List<String> given = new java.util.ArrayList<>(List.of(args));
    smoke = given.remove("--smoke");
    List<String> names =
        given.isEmpty()
            ? List.of("policy", "apply", "commit", "noop", "report", "api", "validate")
            : given;
    Report.line("");
    Report.line(
        "## Run of "
            + java.time.Instant.now()
            + " on "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + Runtime.version());
    for (String name : names) {
      switch (name) {
        case "policy" -> PolicyBench.run();
        case "apply" -> ApplyBench.run();
        case "commit" -> CommitBench.run();
        case "noop" -> NoopResyncBench.run();
        case "report" -> ReportBench.run();
        case "api" -> ApiBench.run();
        case "validate" -> ValidateBench.run(smoke);
        default ->
            throw new IllegalArgumentException(
                "unknown benchmark '"
                    + name
                    + "'; choose policy, apply, commit, noop, report, api or validate");
      }
    }
    System.exit(0);
  }
}
