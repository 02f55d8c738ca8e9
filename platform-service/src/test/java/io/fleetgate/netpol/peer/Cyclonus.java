package io.fleetgate.netpol.peer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.fleetgate.tools.ToolCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code cyclonus} binary from the tool cache, run as {@code cyclonus analyze --mode
 * probe} on a scenario written to a directory: {@code model.json} (namespaces, pods, probes) and
 * one NetworkPolicy per file under {@code policies/}.
 */
final class Cyclonus {

  /** The label the API server gives every namespace; Cyclonus' model needs it spelled out. */
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
  private static final Pattern PROBE_LOG = Pattern.compile("probe on port (\\S+), protocol (\\w+)");

  private final Path binary;
  private final Duration timeout;

  Cyclonus(Path binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  /**
   * The pinned binary that {@code bin/setup} built.
   *
   * @throws io.fleetgate.tools.ToolException naming the remedy when it is missing
   */
  static Cyclonus fromToolCache(Duration timeout) {
    return new Cyclonus(ToolCache.locate().executable("cyclonus"), timeout);
  }

  /** Cyclonus' verdict on every cell of the scenario. */
  List<Verdict> probe(PeerScenario scenario, Path work) {
    try {
      Files.createDirectories(work);
      Path model = work.resolve("model.json");
      Files.writeString(model, GSON.toJson(model(scenario)));
      List<String> command =
          new ArrayList<>(List.of(binary.toString(), "analyze", "--mode", "probe"));
      command.addAll(List.of("--probe-path", model.toString()));
      if (!scenario.policies().isEmpty()) {
        command.addAll(List.of("--policy-path", writePolicies(scenario, work).toString()));
      }
      Run run = run(command, work);
      List<PortProtocol> logged = loggedProbes(run.stderr());
      if (!logged.equals(scenario.probes())) {
        throw new CyclonusException(
            "Cyclonus logged the probes "
                + logged
                + " but the model holds "
                + scenario.probes()
                + "; its output changed shape (stderr in "
                + work.resolve("stderr.txt")
                + ")");
      }
      List<Verdict> verdicts = TruthTableParser.parse(run.stdout(), scenario.probes());
      List<PodRef> pods = verdicts.stream().map(Verdict::source).distinct().sorted().toList();
      if (!pods.equals(scenario.model().refs())) {
        throw new CyclonusException(
            "Cyclonus' tables list the pods " + pods + ", the model " + scenario.model().refs());
      }
      return verdicts;
    } catch (IOException e) {
      throw new CyclonusException(
          "Cannot write the scenario to " + work + ": " + e.getMessage(), e);
    }
  }

  private Path writePolicies(PeerScenario scenario, Path work) throws IOException {
    Path dir = work.resolve("policies");
    Files.createDirectories(dir);
    int i = 0;
    for (Map<String, Object> policy : scenario.policiesWithTypes()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("apiVersion", "networking.k8s.io/v1");
      object.put("kind", "NetworkPolicy");
      object.putAll(policy);
      Files.writeString(dir.resolve(String.format("%02d.json", ++i)), GSON.toJson(object));
    }
    return dir;
  }

  private static Map<String, Object> model(PeerScenario scenario) {
    List<Map<String, Object>> probes = new ArrayList<>();
    for (PortProtocol probe : scenario.probes()) {
      probes.add(Map.of("Port", probe.port(), "Protocol", probe.protocol().name()));
    }
    List<Map<String, Object>> pods = new ArrayList<>();
    for (ModelPod pod : scenario.model().pods()) {
      List<Map<String, Object>> containers = new ArrayList<>();
      for (ContainerPort port : pod.ports()) {
        containers.add(
            Map.of(
                "Name", "c-" + containers.size(),
                "Port", port.port(),
                "Protocol", port.protocol().name(),
                "PortName", port.name()));
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("Namespace", pod.ref().namespace());
      entry.put("Name", pod.ref().name());
      entry.put("Labels", pod.labels());
      entry.put("IP", pod.ip());
      entry.put("Containers", containers);
      pods.add(entry);
    }
    Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    scenario
        .model()
        .namespaces()
        .forEach(
            (name, labels) -> {
              Map<String, String> all = new LinkedHashMap<>(labels);
              all.put(NAME_LABEL, name);
              namespaces.put(name, all);
            });
    return Map.of("Probes", probes, "Resources", Map.of("Namespaces", namespaces, "Pods", pods));
  }

  private Run run(List<String> command, Path work) throws IOException {
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
    } catch (IOException e) {
      throw new CyclonusException(
          "Cannot run " + binary + ": " + e.getMessage() + ". Run bin/setup cyclonus to build it.",
          e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new CyclonusException(
            "Cyclonus did not finish within "
                + timeout.toSeconds()
                + " s: "
                + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CyclonusException("Interrupted while Cyclonus ran", e);
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new CyclonusException(
          "Cyclonus exited with "
              + process.exitValue()
              + " on the scenario in "
              + work
              + ":\n"
              + tail(stderr));
    }
    return new Run(Files.readString(out, StandardCharsets.UTF_8), stderr);
  }

  private static List<PortProtocol> loggedProbes(String stderr) {
    List<PortProtocol> probes = new ArrayList<>();
    Matcher m = PROBE_LOG.matcher(stderr);
    while (m.find()) {
      probes.add(PortProtocol.parse(m.group(1) + "/" + m.group(2)));
    }
    return probes;
  }

  private static String tail(String text) {
    String[] lines = text.strip().split("\n");
    int from = Math.max(0, lines.length - 10);
    return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
  }

  private record Run(String stdout, String stderr) {}
}
