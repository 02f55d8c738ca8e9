package io.fleetgate.bench;

import java.util.List;

/**
 * {@code bin/bench [policy] [apply] [commit] [noop]}: runs the named benchmarks (all by default).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    List<String> names =
        args.length == 0
            ? List.of("policy", "apply", "commit", "noop", "report", "api")
            : List.of(args);
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
        default ->
            throw new IllegalArgumentException(
                "unknown benchmark '"
                    + name
                    + "'; choose policy, apply, commit, noop, report or api");
      }
    }
    System.exit(0);
  }
}
