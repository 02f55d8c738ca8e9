package io.fleetgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.prometheus.PrometheusApi;
import io.fleetgate.render.FleetSpec;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.render.SloFiles;
import io.fleetgate.slo.MetricsSource;
import io.fleetgate.slo.ServiceRollup;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.SloCatalog;
import io.fleetgate.slo.SloEvaluator;
import io.fleetgate.slo.SloReading;
import io.fleetgate.slo.Window;
import io.fleetgate.validate.RepoClusters;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate slo status}: every SLO's budget and burn rates, per cluster and fleet-wide. */
@Command(
    name = "status",
    description = {
      "Read every SLO's error budget, burn rates and firing alerts from each cluster's Prometheus"
          + " (the series its rules record), per cluster and rolled up across clusters; riskiest"
          + " first.",
      "Exit codes: 0 every SLO read, 1 some SLO unknown on some cluster, 2 bad input."
    })
final class SloStatusCommand implements Callable<Integer> {

  private static final List<Window> SHOWN =
      List.of(Window.hours(1), Window.hours(6), Window.days(3));

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "PATH",
      description = "The config repository's working copy.")
  Path repo;

  @Option(
      names = "--prometheus",
      paramLabel = "[CLUSTER=]URL",
      description =
          "A cluster's Prometheus (repeat for each cluster); without it, every cluster the"
              + " repository declares, at the Prometheus fleet.yaml's spec.slo.prometheus names.")
  List<String> prometheus = List.of();

  @Option(names = "--service", description = "Only this service's SLOs.")
  String service;

  @Option(names = "--cluster", description = "Only this cluster.")
  String cluster;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description = "Read the figures as of this time (ISO-8601, e.g. 2026-12-01T12:00:00Z).")
  String at;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      description =
          "How long one Prometheus may take to answer one query (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("--format " + format + " is not text or json");
    }
    if (!Files.isDirectory(repo)) {
      throw new IllegalArgumentException(repo + " is not a directory; give the repository's path");
    }
    Instant when = at == null ? Instant.now() : Instant.parse(at);
    Duration deadline = Window.parse(timeout).duration();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Map<String, String>> declared = new LinkedHashMap<>();
    for (ClusterTarget target : RepoClusters.in(repo)) {
      declared.put(target.name(), target.labels());
    }
    Map<String, String> urls = new LinkedHashMap<>();
    for (String entry : prometheus) {
      int eq = entry.indexOf('=');
      urls.put(
          eq > 0 ? entry.substring(0, eq) : "prometheus", eq > 0 ? entry.substring(eq + 1) : entry);
    }
    FleetSpec.SloSettings settings = FleetSpec.SloSettings.NONE;
    if (Files.isRegularFile(repo.resolve(FleetSpec.FILE))) {
      LoadedRepo loaded = new Renderer(ManifestLimits.defaults()).load(repo);
      if (loaded.spec() == null) {
        loaded.fleetProblems().forEach(err::println);
        err.flush();
        return ExitCodes.BAD_INPUT;
      }
      settings = loaded.spec().slo();
    }
    if (urls.isEmpty()) {
      for (Map.Entry<String, Map<String, String>> c : declared.entrySet()) {
        var url = settings.prometheusFor(c.getKey(), c.getValue());
        if (url.isPresent()) {
          urls.put(c.getKey(), url.get().toString());
        } else {
          err.println(
              "note: "
                  + c.getKey()
                  + " has no Prometheus in fleet.yaml spec.slo.prometheus; skipped");
        }
      }
    }
    Map<String, MetricsSource> sources = new LinkedHashMap<>();
    for (Map.Entry<String, String> u : urls.entrySet()) {
      if (cluster == null || cluster.equals(u.getKey())) {
        sources.put(
            u.getKey(),
            new PrometheusApi(URI.create(u.getValue()), deadline, PrometheusApi.MAX_ANSWER_BYTES));
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException(
          cluster != null
              ? "--cluster " + cluster + " has no Prometheus (given or in fleet.yaml)"
              : "no cluster has a Prometheus: give --prometheus CLUSTER=URL, or declare"
                  + " spec.slo.prometheus in fleet.yaml");
    }
    SloCatalog catalog = SloFiles.read(repo, ManifestLimits.defaults());
    if (!catalog.problems().isEmpty()) {
      catalog.problems().forEach(p -> err.println(p));
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    List<Slo> slos =
        catalog.slos().stream()
            .filter(s -> service == null || s.service().equals(service))
            .toList();
    if (slos.isEmpty()) {
      err.println(
          service == null
              ? "no SLOs in " + repo.resolve(SloFiles.DIRECTORY)
              : "no SLO of service " + service);
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    FleetSpec.SloSettings judged = settings;
    List<SloReading> readings =
        new SloEvaluator(slos)
            .evaluate(sources, when).stream()
                .filter(
                    r ->
                        !declared.containsKey(r.cluster())
                            || judged.judges(r.slo().service(), declared.get(r.cluster())))
                .toList();
    List<ServiceRollup> rollups = ServiceRollup.of(readings);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.equals("json") ? json(rollups, when) : text(rollups, when));
    out.flush();
    return readings.stream().allMatch(r -> r instanceof SloReading.Known)
        ? ExitCodes.OK
        : ExitCodes.FAILED;
  }

  private static String text(List<ServiceRollup> rollups, Instant when) {
    StringBuilder out = new StringBuilder("SLOs as of " + when + ", riskiest first\n");
    for (ServiceRollup rollup : rollups) {
      Slo slo = rollup.slo();
      out.append('\n')
          .append(slo.id())
          .append("  target ")
          .append(percent(slo.target()))
          .append(" over ")
          .append(slo.window().describe());
      rollup
          .weighted()
          .ifPresent(
              f ->
                  out.append("\n  fleet-wide: budget left ")
                      .append(percent(f.budgetRemaining()))
                      .append(", error ratio ")
                      .append(percent(f.errorRatio())));
      if (rollup.known().isEmpty()) {
        out.append("\n  UNKNOWN everywhere");
      }
      for (SloReading.Known k : rollup.known()) {
        out.append("\n  ")
            .append(k.cluster())
            .append(": budget left ")
            .append(percent(k.budgetRemaining()));
        out.append(", error ratio ").append(percent(k.errorRatio())).append(", burn");
        for (Window w : SHOWN) {
          Double rate = k.burnRates().get(w);
          out.append(' ')
              .append(w)
              .append(' ')
              .append(rate == null ? "–" : "%.2f×".formatted(rate));
        }
        k.exhaustion().ifPresent(d -> out.append(", spent in ").append(duration(d)));
        if (!k.firing().isEmpty()) {
          out.append(", FIRING ").append(String.join(",", new java.util.TreeSet<>(k.firing())));
        }
      }
      for (SloReading.Unknown u : rollup.unknown()) {
        out.append("\n  ").append(u.cluster()).append(": UNKNOWN — ").append(u.reason());
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String json(List<ServiceRollup> rollups, Instant when) throws Exception {
    List<Object> slos = new ArrayList<>();
    for (ServiceRollup rollup : rollups) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("service", rollup.slo().service());
      s.put("slo", rollup.slo().name());
      s.put("target", rollup.slo().target());
      s.put("window", rollup.slo().window().describe());
      rollup
          .weighted()
          .ifPresent(
              f ->
                  s.put(
                      "fleet",
                      Map.of(
                          "errorRatio", f.errorRatio(), "budgetRemaining", f.budgetRemaining())));
      List<Object> clusters = new ArrayList<>();
      for (SloReading.Known k : rollup.known()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cluster", k.cluster());
        c.put("state", "known");
        c.put("errorRatio", k.errorRatio());
        c.put("budgetRemaining", k.budgetRemaining());
        Map<String, Double> burns = new LinkedHashMap<>();
        new java.util.TreeMap<>(k.burnRates()).forEach((w, r) -> burns.put(w.toString(), r));
        c.put("burnRates", burns);
        k.exhaustion().ifPresent(d -> c.put("exhaustionSeconds", d.toSeconds()));
        c.put("firing", new java.util.TreeSet<>(k.firing()));
        clusters.add(c);
      }
      for (SloReading.Unknown u : rollup.unknown()) {
        clusters.add(Map.of("cluster", u.cluster(), "state", "unknown", "reason", u.reason()));
      }
      s.put("clusters", clusters);
      slos.add(s);
    }
    return new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(Map.of("at", when.toString(), "slos", slos))
        + "\n";
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.3f %%", ratio * 100).replaceAll("\\.?0+ %", " %");
  }

  private static String duration(Duration d) {
    long hours = d.toHours();
    return hours >= 48 ? hours / 24 + "d" : hours >= 1 ? hours + "h" : d.toMinutes() + "m";
  }
}
