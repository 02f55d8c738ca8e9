package io.fleetgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.tools.ToolCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code fleetgate validate} as people run it, {@code bin/fleetgate} from process start to exit: on
 * the example fleet, and on a generated fleet of 2,000 Deployments beside {@code conftest test}
 * with one equivalent rule on the same files. The commands compared run in turn, several times; the
 * median counts. The launcher's start-up cache is recorded before anything is timed, and the runs
 * without it ({@code FLEETGATE_AOT=0}) are shown too.
 *
 * <p>In smoke mode a 20-Deployment fleet runs once per command, and the benchmark only checks that
 * Fleetgate and conftest both ran and denied exactly the same files.
 */
final class ValidateBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS = 9;
  private static final int DEPLOYMENTS = 2_000;
  private static final int SMOKE_DEPLOYMENTS = 20;

  private final Path root = Path.of("").toAbsolutePath().getParent();
  private final Path launcher = root.resolve("bin/fleetgate");
  private final Path work;
  private final int runs;

  private ValidateBench(boolean smoke) throws IOException {
    this.runs = smoke ? 1 : RUNS;
    this.work = Files.createTempDirectory("fleetgate-bench-validate");
  }

  static void run(boolean smoke) throws Exception {
    new ValidateBench(smoke).measure(smoke ? SMOKE_DEPLOYMENTS : DEPLOYMENTS);
  }

  private void measure(int deployments) throws Exception {
    Path conftest = ToolCache.locate().executable("conftest");
    recordStartUpCache();
    GeneratedFleet fleet = GeneratedFleet.write(work.resolve("fleet"), deployments);
    Path policy = work.resolve("conftest-policy");
    Files.createDirectories(policy);
    Files.writeString(policy.resolve("resource_limits.rego"), GeneratedFleet.CONFTEST_RULE);

    Map<String, String> noCache = Map.of("FLEETGATE_AOT", "0");
    String exampleFleet = root.resolve("clusters").toString();
    List<String> validateExample = List.of(launcher.toString(), "validate", "--repo", exampleFleet);
    List<String> validateFleet =
        List.of(
            launcher.toString(), "validate", "--repo", fleet.root.toString(), "--format", "json");
    List<String> conftestFleet =
        List.of(
            conftest.toString(),
            "test",
            "--no-color",
            "--output",
            "json",
            "--policy",
            policy.toString(),
            fleet.bundle.toString());

    List<Stats> example =
        timeInTurn(
            List.of(
                new Run(validateExample, Map.of()),
                new Run(validateExample, noCache),
                new Run(List.of(launcher.toString(), "version"), Map.of())));
    List<Stats> large =
        timeInTurn(
            List.of(
                new Run(validateFleet, Map.of()),
                new Run(validateFleet, noCache),
                new Run(conftestFleet, Map.of())));
    Stats exampleCached = example.get(0);
    Stats exampleCold = example.get(1);
    Stats version = example.get(2);
    Stats fleetCached = large.get(0);
    Stats fleetCold = large.get(1);
    Stats baseline = large.get(2);

    Set<String> byFleetgate = deniedByFleetgate(validateFleet);
    Set<String> byConftest = deniedByConftest(conftestFleet, fleet);
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < deployments; i++) {
      if (GeneratedFleet.broken(i)) {
        expected.add(GeneratedFleet.file(i));
      }
    }
    check(!expected.isEmpty(), "the generated fleet breaks the rule somewhere");
    check(byFleetgate.equals(expected), "Fleetgate denied " + byFleetgate + ", not " + expected);
    check(byConftest.equals(expected), "conftest denied " + byConftest + ", not " + expected);

    Report.line("");
    Report.line(
        "### `fleetgate validate` start-up (%d run(s) each, wall time from process start to exit)"
            .formatted(runs));
    Report.line("");
    Report.line("| command | median | min | max |");
    Report.line("|---|---|---|---|");
    row("`validate` of the example fleet (3 clusters, 50 objects)", exampleCached);
    row("the same without the start-up cache (`FLEETGATE_AOT=0`)", exampleCold);
    row("`fleetgate version` (JVM and command line only)", version);
    row(
        "`validate` of %,d Deployments (1 cluster, every built-in policy)".formatted(deployments),
        fleetCached);
    row("the same without the start-up cache", fleetCold);
    row("baseline: `conftest test`, one rule, the same %,d files".formatted(deployments), baseline);
    Report.line("");
    Report.line(
        "Both denied the same %d files. Fleetgate / conftest at the median: **%.2f×** (below 1 is faster)."
            .formatted(expected.size(), fleetCached.p50Millis() / baseline.p50Millis()));
  }

  /**
   * Records the launcher's start-up cache of short commands for the current jars, as bin/build
   * does.
   */
  private void recordStartUpCache() throws Exception {
    String javaHome = System.getenv().getOrDefault("JAVA_HOME", System.getProperty("java.home"));
    Process process =
        new ProcessBuilder(
                "bash",
                root.resolve("bin/lib/aot.sh").toString(),
                "train",
                javaHome,
                root.toString())
            .inheritIO()
            .start();
    check(process.waitFor() == 0, "recording the start-up cache failed");
  }

  /** A command and the environment it runs with. */
  private record Run(List<String> command, Map<String, String> env) {}

  /**
   * Runs each command once untimed, then all of them in turn {@link #runs} times, so that the
   * commands compared share whatever else the machine is doing; returns their wall times.
   */
  private List<Stats> timeInTurn(List<Run> commands) throws Exception {
    List<List<Long>> nanos = new ArrayList<>();
    for (Run command : commands) {
      run(command.command(), command.env(), null);
      nanos.add(new ArrayList<>());
    }
    for (int i = 0; i < runs; i++) {
      for (int c = 0; c < commands.size(); c++) {
        long start = System.nanoTime();
        run(commands.get(c).command(), commands.get(c).env(), null);
        nanos.get(c).add(System.nanoTime() - start);
      }
    }
    return nanos.stream().map(Stats::of).toList();
  }

  /** Runs the command; exit 0 (clean) or 1 (denials) is a run, anything else fails the bench. */
  private String run(List<String> command, Map<String, String> env, Path out) throws Exception {
    Path output = out != null ? out : work.resolve("out.txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(work.resolve("err.txt").toFile());
    builder.environment().putAll(env);
    int code = builder.start().waitFor();
    if (code != 0 && code != 1) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited with "
              + code
              + ": "
              + Files.readString(work.resolve("err.txt")));
    }
    return Files.readString(output);
  }

  private Set<String> deniedByFleetgate(List<String> command) throws Exception {
    JsonNode report = JSON.readTree(run(command, Map.of(), work.resolve("fleetgate.json")));
    check(
        report.path("problems").isEmpty(),
        "the generated fleet renders: " + report.path("problems"));
    Set<String> files = new TreeSet<>();
    for (JsonNode finding : report.path("findings")) {
      if (finding.path("level").asText().equals("deny")) {
        check(
            finding.path("policy").asText().equals(GeneratedFleet.POLICY),
            "only " + GeneratedFleet.POLICY + " denies: " + finding);
        files.add(finding.path("path").asText());
      }
    }
    return files;
  }

  private Set<String> deniedByConftest(List<String> command, GeneratedFleet fleet)
      throws Exception {
    JsonNode results = JSON.readTree(run(command, Map.of(), work.resolve("conftest.json")));
    check(results.size() > fleet.deployments, "conftest checked every file: " + results.size());
    Set<String> files = new TreeSet<>();
    for (JsonNode result : results) {
      if (!result.path("failures").isEmpty()) {
        Path file = Path.of(result.path("filename").asText()).toAbsolutePath();
        files.add(fleet.root.relativize(file).toString());
      }
    }
    return files;
  }

  private static void row(String what, Stats stats) {
    Report.line(
        "| %s | %.2f s | %.2f s | %.2f s |"
            .formatted(
                what,
                stats.p50Millis() / 1e3,
                stats.percentile(0) / 1e9,
                stats.percentile(100) / 1e9));
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("validate benchmark: " + message);
    }
  }
}
