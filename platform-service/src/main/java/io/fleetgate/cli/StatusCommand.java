package io.fleetgate.cli;

import io.fleetgate.store.SyncRuns;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate status}: the last sync and every cluster's latest result, from the records. */
@Command(
    name = "status",
    description = {
      "Show the last sync and each cluster's latest result.",
      "Exit codes: 0 every cluster synced, 1 otherwise, 2 no records."
    })
final class StatusCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description = "Also list what happened to each object of this cluster in its latest sync.")
  String cluster;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the database is (default: ~/.fleetgate/data).")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (SqliteStore store = DataDir.openRecords(dataDir)) {
      var run = store.latestRun();
      if (run.isEmpty()) {
        out.println("No sync has run yet.");
        return ExitCodes.BAD_INPUT;
      }
      SyncRuns.Run last = run.get();
      out.printf(
          "Last sync: %s of %s at %s%s%s%n%n",
          last.commit().length() > 12 ? last.commit().substring(0, 12) : last.commit(),
          last.source(),
          last.started(),
          last.stale() ? " — STALE: the remote could not be reached" : "",
          last.finished().isEmpty() ? " — did not finish (the process stopped during it)" : "");
      List<SyncRuns.ClusterResult> results = store.latestResults();
      String format = "%-22s %-11s %s%n";
      out.printf(format, "CLUSTER", "RESULT", "DETAIL");
      results.forEach(
          r -> out.printf(format, shown(r.cluster(), results), r.outcome(), r.detail()));
      if (cluster != null) {
        String key = keyOf(cluster, results);
        out.printf(
            "%nObjects of %s in its latest sync (unchanged objects are not listed):%n", cluster);
        store
            .latestObjects(key)
            .forEach(
                o ->
                    out.printf(
                        "  %-9s %s  (%s, %s)%s%n",
                        o.action(),
                        o.object(),
                        o.bundle(),
                        o.source(),
                        o.detail().isEmpty() ? "" : ": " + o.detail()));
      }
      out.flush();
      boolean synced =
          !last.stale() && results.stream().allMatch(r -> r.outcome().equals("synced"));
      return synced ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  /**
   * A cluster as people name it: its name, or {@code namespace/name} when two clusters share the
   * name.
   */
  static String shown(String key, List<SyncRuns.ClusterResult> results) {
    String name = nameOf(key);
    long same = results.stream().filter(r -> nameOf(r.cluster()).equals(name)).count();
    return same > 1 ? key : name;
  }

  /** The key of the cluster named {@code cluster} (a name or {@code namespace/name}). */
  static String keyOf(String cluster, List<SyncRuns.ClusterResult> results) {
    return results.stream()
        .map(SyncRuns.ClusterResult::cluster)
        .filter(key -> key.equals(cluster) || nameOf(key).equals(cluster))
        .findFirst()
        .orElse(cluster);
  }

  private static String nameOf(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}
