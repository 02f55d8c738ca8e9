package io.fleetgate.cli;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.netpol.ConnectionChange;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpol.ReachabilityDiff;
import io.fleetgate.netpolsource.NetworkSources;
import io.fleetgate.source.jgit.RevisionTree;
import io.fleetgate.validate.RepoClusters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleetgate netpol diff}: the connections a change between two revisions opens and closes.
 */
@Command(
    name = "diff",
    description = {
      "The semantic difference between two revisions: every connection opened or closed, per cluster",
      "the repository declares (or for the whole tree when it has no fleet.yaml).",
      "Exit codes: 0 no change, 1 connections opened or closed, 2 bad input."
    })
final class NetpolDiffCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "PATH",
      description = "A Git working copy.")
  Path repo;

  @Option(names = "--from", required = true, paramLabel = "REV", description = "The old revision.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "REV", description = "The new revision.")
  String to;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster.")
  String cluster;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path scratch = Files.createTempDirectory("fleetgate-netpol-diff");
    try {
      Path before = Files.createDirectory(scratch.resolve("from"));
      Path after = Files.createDirectory(scratch.resolve("to"));
      String fromId = RevisionTree.export(repo, from, before);
      String toId = RevisionTree.export(repo, to, after);
      Map<String, ModelRead> old = models(before);
      Map<String, ModelRead> now = models(after);
      TreeSet<String> names = new TreeSet<>(old.keySet());
      names.addAll(now.keySet());
      if (cluster != null && !names.contains(cluster)) {
        throw new IllegalArgumentException(
            "no cluster " + cluster + " in either revision; the repository declares " + names);
      }
      boolean refused = false;
      for (String name : names) {
        refused |= refuse(old.get(name), from) | refuse(now.get(name), to);
      }
      if (refused) {
        return ExitCodes.BAD_INPUT;
      }
      boolean changed = false;
      out.printf("%s (%s) -> %s (%s)%n", from, fromId.substring(0, 12), to, toId.substring(0, 12));
      for (String name : names) {
        if (cluster != null && !cluster.equals(name)) {
          continue;
        }
        List<ConnectionChange> changes =
            ReachabilityDiff.between(analysis(old.get(name)), analysis(now.get(name)));
        out.println("== " + name);
        if (changes.isEmpty()) {
          out.println("  no change");
        }
        changes.forEach(c -> out.println("  " + c));
        changed |= !changes.isEmpty();
      }
      out.flush();
      return changed ? ExitCodes.FAILED : ExitCodes.OK;
    } finally {
      deleteTree(scratch);
    }
  }

  private boolean refuse(ModelRead read, String revision) {
    if (read == null || read.ok()) {
      return false;
    }
    spec.commandLine().getErr().println("fleetgate: at " + revision + ":");
    return NetpolSource.refuse(read, spec.commandLine().getErr());
  }

  private static NetworkAnalysis analysis(ModelRead read) {
    return NetworkAnalysis.of(
        read == null
            ? new io.fleetgate.netpol.NetworkModel(List.of(), List.of(), List.of())
            : read.model());
  }

  /** Per cluster the tree declares, or the whole tree as one plain directory. */
  private static Map<String, ModelRead> models(Path tree) throws IOException {
    Map<String, ModelRead> models = new LinkedHashMap<>();
    if (!Files.isRegularFile(tree.resolve("fleet.yaml"))) {
      models.put("(all manifests)", NetworkSources.directory(tree));
      return models;
    }
    var renderer = NetpolSource.renderer();
    List<ClusterTarget> targets = new ArrayList<>(RepoClusters.in(tree));
    for (ClusterTarget target : targets) {
      models.put(target.name(), NetworkSources.rendered(tree, target.name(), renderer));
    }
    return models;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
