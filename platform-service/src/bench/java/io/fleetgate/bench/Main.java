package io.fleetgate.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench [--smoke] [policy] [apply] [commit] [noop] [report] [reads] [api] [validate]
 * [netpol] [slo] [rollout] [argocd]}: runs the named benchmarks (all by default). {@code --smoke}
 * runs each at about 1 % of its size, to prove that it and its baseline still run and converge;
 * nothing is timed against a target then. Exits non-zero when a benchmark fails.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    List<String> given = new ArrayList<>(List.of(args));
    Size.smoke(given.remove("--smoke"));
    if (Size.isSmoke()) {
      System.out.println(
          "Smoke run: every benchmark and its baseline at about 1 % of their size, checked to run"
              + " and converge; the times it prints are not measurements.");
    }
    long start = System.nanoTime();
    try {
      run(given.toArray(String[]::new));
    } catch (BenchSettingException e) {
      System.err.println("bin/bench: " + e.getMessage());
      System.exit(1);
    } catch (Exception | Error e) {
      System.err.println("bin/bench: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
    System.out.printf(
        "bin/bench: %s in %.0f s%n",
        Size.isSmoke() ? "smoke run passed" : "done", (System.nanoTime() - start) / 1e9);
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    List<String> names =
        args.length == 0
            ? List.of(
                "policy",
                "apply",
                "commit",
                "noop",
                "report",
                "reads",
                "api",
                "validate",
                "netpol",
                "slo",
                "rollout",
                "argocd")
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
        case "reads" -> ReadsBench.run();
        case "api" -> ApiBench.run();
        case "validate" -> ValidateBench.run(Size.isSmoke());
        case "netpol" -> NetpolBench.run();
        case "slo" -> SloBench.run();
        case "rollout" -> RolloutBench.run();
        case "argocd" -> ArgoCdBench.run();
        default ->
            throw new IllegalArgumentException(
                "unknown benchmark '"
                    + name
                    + "'; choose policy, apply, commit, noop, report, reads, api, validate,"
                    + " netpol, slo, rollout or argocd");
      }
    }
  }
}
