package io.fleetgate.cli;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.render.FleetSpec;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.render.SloFiles;
import io.fleetgate.slo.PrometheusRules;
import io.fleetgate.slo.RuleFile;
import io.fleetgate.slo.RuleGenerator;
import io.fleetgate.slo.RuleGroup;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.SloCatalog;
import io.fleetgate.slo.SloProblem;
import io.fleetgate.validate.RepoClusters;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate slo rules}: the Prometheus rules of the repository's SLOs. */
@Command(
    name = "rules",
    description = {
      "Write the Prometheus recording rules and multiwindow multi-burn-rate alerts of every SLO in"
          + " slos/ (OpenSLO v1 or Sloth prometheus/v1), one file per service; as"
          + " PrometheusRule objects, one per SLO, as the sync engine delivers them.",
      "Exit codes: 0 written, 2 a spec has problems (nothing is written)."
    })
final class SloRulesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "PATH",
      description = "The config repository's working copy.")
  Path repo;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write <service>.rules.yaml files here (created when missing); without it, print them.")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "rules",
      description =
          "rules (a Prometheus rule file) or prometheusrule (a Prometheus Operator object)"
              + " (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--namespace",
      description =
          "The namespace of PrometheusRule objects (default: the one fleet.yaml delivers the"
              + " --cluster's rules to, else monitoring).")
  String namespace;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description =
          "Only the SLOs judged on this cluster (fleet.yaml spec.slo.targets, the cluster's labels"
              + " from NAME/cluster.yaml): what the sync engine delivers to it.")
  String cluster;

  @Override
  public Integer call() throws Exception {
    boolean operator =
        switch (format) {
          case "rules" -> false;
          case "prometheusrule" -> true;
          default ->
              throw new IllegalArgumentException(
                  "--format " + format + " is not rules or prometheusrule");
        };
    if (!Files.isDirectory(repo)) {
      throw new IllegalArgumentException(repo + " is not a directory; give the repository's path");
    }
    PrintWriter err = spec.commandLine().getErr();
    SloCatalog catalog;
    FleetSpec.RuleDelivery delivery = null;
    java.util.function.Predicate<Slo> judged = slo -> true;
    if (cluster == null) {
      catalog = SloFiles.read(repo, ManifestLimits.defaults());
    } else {
      LoadedRepo loaded = new Renderer(ManifestLimits.defaults()).load(repo);
      if (loaded.spec() == null) {
        loaded.fleetProblems().forEach(err::println);
        err.flush();
        return ExitCodes.BAD_INPUT;
      }
      ClusterTarget target = RepoClusters.named(repo, cluster);
      FleetSpec.SloSettings settings = loaded.spec().slo();
      catalog = loaded.slos();
      delivery = settings.rulesFor(target.labels()).orElse(null);
      judged = slo -> settings.judges(slo.service(), target.labels());
    }
    if (!catalog.problems().isEmpty()) {
      for (SloProblem problem : catalog.problems()) {
        err.println(problem);
      }
      err.println(catalog.problems().size() + " problem(s) in the SLO specs; no rules written.");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    Map<String, List<Slo>> byService = new TreeMap<>();
    for (Slo slo : catalog.slos().stream().filter(judged).toList()) {
      byService.computeIfAbsent(slo.service(), s -> new ArrayList<>()).add(slo);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    if (out != null) {
      Files.createDirectories(out);
    }
    String objectsNamespace =
        namespace != null ? namespace : delivery != null ? delivery.namespace() : "monitoring";
    Map<String, String> objectLabels = delivery != null ? delivery.labels() : Map.of();
    boolean first = true;
    for (Map.Entry<String, List<Slo>> service : byService.entrySet()) {
      List<RuleGroup> groups = new ArrayList<>();
      List<Map<String, Object>> objects = new ArrayList<>();
      List<String> sources = new ArrayList<>();
      for (Slo slo : service.getValue()) {
        List<RuleGroup> own = RuleGenerator.rules(slo);
        groups.addAll(own);
        objects.add(PrometheusRules.object(slo, objectsNamespace, objectLabels, own));
        sources.add(slo.declaredAt().toString());
      }
      String text =
          operator ? RuleFile.prometheusRules(objects, sources) : RuleFile.rules(groups, sources);
      if (out == null) {
        stdout.print((first ? "" : "---\n") + text);
      } else {
        Path file =
            out.resolve(service.getKey() + (operator ? ".prometheusrule.yaml" : ".rules.yaml"));
        replace(file, text);
        err.println("wrote " + file + " (" + service.getValue().size() + " SLO(s))");
      }
      first = false;
    }
    if (byService.isEmpty()) {
      err.println(
          "no SLOs in "
              + repo.resolve(SloFiles.DIRECTORY)
              + (cluster == null ? "" : " judged on " + cluster));
    }
    stdout.flush();
    err.flush();
    return ExitCodes.OK;
  }

  /** Writes the file whole or not at all: a Prometheus reading the directory never sees half. */
  private static void replace(Path file, String text) throws java.io.IOException {
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
