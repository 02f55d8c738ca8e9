package io.fleetgate.app;

import io.fleetgate.api.Reachability;
import io.fleetgate.api.Reachability.Refusal;
import io.fleetgate.api.Reachability.RefusedException;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.netpol.ConnectionChange;
import io.fleetgate.netpol.Endpoint;
import io.fleetgate.netpol.ManifestProblem;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpol.ProtectedNamespaces;
import io.fleetgate.netpol.ReachabilityDiff;
import io.fleetgate.netpolsource.NetworkSources;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.RenderResult;
import io.fleetgate.render.Renderer;
import io.fleetgate.source.SourceException;
import io.fleetgate.source.jgit.RevisionTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reachability of a cluster's configuration at a revision, as the served platform answers it: the
 * revision resolved in the platform's clone, its tree exported to a scratch directory, rendered for
 * the cluster as a sync renders it and analysed by {@code netpol}. Analyses are kept per cluster,
 * commit and cluster labels (the {@link #CACHED} most recent), computed once however many requests
 * ask at the same time, and at most {@link #CONCURRENT} at once; a revision that does not exist is
 * refused before anything is exported.
 */
final class NetworkReachability {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(NetworkReachability.class);

  /** Analyses kept: a console flipping between a handful of revisions of a few clusters. */
  static final int CACHED = 32;

  /** Analyses computed at the same time; more wait up to {@link #WAIT_SECONDS}, then get BUSY. */
  static final int CONCURRENT = 2;

  static final int WAIT_SECONDS = 30;

  /** Branch, tag, commit id, {@code HEAD~3}, {@code main@{1}}: no spaces, no options, short. */
  private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/~^@{}-]{0,199}");

  /** How the platform knows the clusters. */
  interface Clusters {
    /** The cluster as discovered, with the labels bundles select it by. */
    Optional<ClusterTarget> target(String name);

    /** The commit its latest sync applied, or empty. */
    Optional<String> syncedCommit(String name);
  }

  /** One analysis and its report. */
  private record Analysed(String commit, NetworkAnalysis analysis, Reachability.Report report) {}

  private record Key(String cluster, String commit, Map<String, String> labels) {}

  private final Path workingCopy;
  private final Renderer renderer;
  private final Path scratch;
  private final Clusters clusters;
  private final ProtectedNamespaces protection;
  private final Semaphore computing;
  private final long waitMillis;
  private final Map<Key, CompletableFuture<Analysed>> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Analysed>> eldest) {
          return size() > CACHED;
        }
      };

  /**
   * @param scratch an owner-only directory for exported trees, emptied after each analysis
   */
  NetworkReachability(
      Path workingCopy,
      Renderer renderer,
      Path scratch,
      Clusters clusters,
      ProtectedNamespaces protection) {
    this(
        workingCopy,
        renderer,
        scratch,
        clusters,
        protection,
        new Semaphore(CONCURRENT),
        java.time.Duration.ofSeconds(WAIT_SECONDS));
  }

  /**
   * @param computing permits for analyses running at once
   * @param wait how long a request waits for a permit before it is refused as busy
   */
  NetworkReachability(
      Path workingCopy,
      Renderer renderer,
      Path scratch,
      Clusters clusters,
      ProtectedNamespaces protection,
      Semaphore computing,
      java.time.Duration wait) {
    this.computing = computing;
    this.waitMillis = wait.toMillis();
    this.workingCopy = workingCopy;
    this.renderer = renderer;
    this.scratch = scratch;
    this.clusters = clusters;
    this.protection = protection;
  }

  Reachability.Report report(String cluster, String revision) {
    return analysed(cluster, revision).report();
  }

  Reachability.ExplanationView explain(String cluster, String revision, String src, String dst) {
    Analysed at = analysed(cluster, revision);
    synchronized (at.analysis()) {
      Endpoint from = endpoint(at.analysis(), src, "src");
      Endpoint to = endpoint(at.analysis(), dst, "dst");
      return ReachabilityViews.explanation(cluster, at.commit(), at.analysis().explain(from, to));
    }
  }

  Reachability.DiffView diff(String cluster, String from, String to, int limit) {
    if (from == null || to == null) {
      throw new RefusedException(Refusal.BAD_REVISION, "give both from and to revisions");
    }
    Analysed before = analysed(cluster, from);
    Analysed after = analysed(cluster, to);
    // Two analyses, locked in one order so that two diffs the other way round cannot deadlock.
    Analysed first = before.commit().compareTo(after.commit()) <= 0 ? before : after;
    Analysed second = first == before ? after : before;
    synchronized (first.analysis()) {
      synchronized (second.analysis()) {
        List<ConnectionChange> changes =
            ReachabilityDiff.between(before.analysis(), after.analysis());
        int opened = 0;
        int closed = 0;
        List<Reachability.ChangeView> views = new ArrayList<>();
        for (ConnectionChange change : changes) {
          opened += change.opened().isEmpty() ? 0 : 1;
          closed += change.closed().isEmpty() ? 0 : 1;
          if (views.size() < limit) {
            views.add(ReachabilityViews.change(change, before.analysis(), after.analysis()));
          }
        }
        return new Reachability.DiffView(
            cluster,
            before.commit(),
            after.commit(),
            opened,
            closed,
            views.size() < changes.size(),
            views);
      }
    }
  }

  private static Endpoint endpoint(NetworkAnalysis analysis, String text, String parameter) {
    if (text == null || text.isBlank()) {
      throw new RefusedException(
          Refusal.UNKNOWN_ENDPOINT, "give " + parameter + "=namespace/name[Kind] or an address");
    }
    return analysis
        .endpoint(text)
        .orElseThrow(
            () ->
                new RefusedException(
                    Refusal.UNKNOWN_ENDPOINT,
                    parameter
                        + " '"
                        + text
                        + "' is no workload of this cluster's configuration and no IP address;"
                        + " write namespace/name[Kind] as the reachability report lists it"));
  }

  private Analysed analysed(String cluster, String revision) {
    ClusterTarget target =
        clusters
            .target(cluster)
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.UNKNOWN_CLUSTER, "no cluster named '" + cluster + "'"));
    String wanted = revision == null || revision.isBlank() ? null : revision.strip();
    if (wanted == null) {
      wanted =
          clusters
              .syncedCommit(cluster)
              .filter(c -> !c.isBlank())
              .orElseThrow(
                  () ->
                      new RefusedException(
                          Refusal.NOT_SYNCED,
                          "cluster '"
                              + cluster
                              + "' has not synced yet; give a revision (a branch, tag or commit)"));
    }
    if (!REVISION.matcher(wanted).matches()) {
      throw new RefusedException(
          Refusal.BAD_REVISION,
          "'"
              + wanted
              + "' is not a revision; give a branch, tag or commit id (letters, digits and"
              + " ._/~^@{}-, at most 200)");
    }
    String commit = resolve(wanted);
    Key key = new Key(cluster, commit, target.labels());
    CompletableFuture<Analysed> future;
    boolean mine = false;
    synchronized (cache) {
      future = cache.get(key);
      if (future == null) {
        future = new CompletableFuture<>();
        cache.put(key, future);
        mine = true;
      }
    }
    if (mine) {
      log.info("Analysing the reachability of {} at {}", cluster, commit);
      try {
        future.complete(compute(target, commit));
      } catch (RuntimeException e) {
        synchronized (cache) {
          cache.remove(key, future);
        }
        future.completeExceptionally(e);
      }
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RefusedException(Refusal.BUSY, "interrupted while waiting for the analysis");
    }
  }

  private String resolve(String revision) {
    try {
      return RevisionTree.resolve(workingCopy, revision)
          .orElseThrow(
              () ->
                  new RefusedException(
                      Refusal.UNKNOWN_REVISION,
                      "revision '"
                          + revision
                          + "' does not exist in the fleet repository; give a branch, tag or"
                          + " commit the platform has fetched"));
    } catch (SourceException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private Analysed compute(ClusterTarget target, String commit) {
    boolean acquired;
    try {
      acquired = computing.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new RefusedException(
          Refusal.BUSY, "too many reachability analyses are running; try again shortly");
    }
    Path tree = null;
    try {
      io.fleetgate.files.OwnerOnly.directory(scratch);
      tree = Files.createTempDirectory(scratch, "tree-");
      RevisionTree.export(workingCopy, commit, tree);
      LoadedRepo loaded = renderer.load(tree);
      RenderResult render = renderer.render(loaded, target);
      ModelRead read = NetworkSources.fromRendered(render.objects(), render.problems());
      if (!read.ok()) {
        throw unreadable(target.name(), commit, read.problems());
      }
      NetworkAnalysis analysis = NetworkAnalysis.of(read.model());
      return new Analysed(
          commit, analysis, ReachabilityViews.report(target.name(), commit, analysis, protection));
    } catch (SourceException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      computing.release();
      if (tree != null) {
        delete(tree);
      }
    }
  }

  private static RefusedException unreadable(
      String cluster, String commit, List<ManifestProblem> problems) {
    StringBuilder detail =
        new StringBuilder(
            "the configuration of "
                + cluster
                + " at "
                + commit.substring(0, Math.min(12, commit.length()))
                + " has "
                + problems.size()
                + " object(s) that cannot be read, so an analysis would be wrong evidence; fix them:");
    problems.stream().limit(5).forEach(p -> detail.append(' ').append(p).append(';'));
    return new RefusedException(Refusal.UNREADABLE, detail.toString());
  }

  private static void delete(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("Cannot remove the exported tree {}: {}", root, e.getMessage());
    }
  }
}
