package io.fleetgate.console.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetgate.console.ui.UiThread;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A timeline of commits, newest first, built from events as they arrive: each {@code sync.finished}
 * adds or updates its commit's journey with that cluster's outcome, and on a platform that syncs
 * through Argo CD each {@code argocd.synced} adds how Argo CD delivered one bundle of it. Events
 * may arrive on any thread; state changes run on the UI thread.
 */
public final class ActivityViewModel {

  /** At most this many commits are kept. */
  static final int KEPT = 200;

  /** Clusters named for one bundle's health at most; the rest are counted. */
  static final int NAMED = 3;

  /**
   * How Argo CD delivered one bundle of a commit to one cluster.
   *
   * @param operation how Argo CD's sync operation ended: SUCCEEDED, FAILED, ERROR, UNKNOWN…
   * @param sync the Application's sync status afterwards: SYNCED, OUT_OF_SYNC, UNKNOWN
   * @param health the Application's health afterwards: HEALTHY, PROGRESSING, DEGRADED…
   */
  public record Delivered(String application, String operation, String sync, String health) {

    /**
     * Argo CD's sync operation applied every object Fleetgate asked it to. The Application's sync
     * status, read right after, may still be Argo CD's comparison from before the operation.
     */
    boolean synced() {
      return operation.equals("SUCCEEDED");
    }

    boolean healthy() {
      return health.equals("HEALTHY");
    }
  }

  /**
   * One commit's journey.
   *
   * @param clusters each cluster's latest outcome for this commit, by name, sorted
   * @param healthy whether each cluster's synced objects were all healthy after that sync
   * @param argoCd for each cluster, how Argo CD delivered each bundle, by bundle; empty on a
   *     platform that writes with its own engine
   */
  public record Journey(
      String commit,
      Instant firstSeen,
      Map<String, String> clusters,
      Map<String, Boolean> healthy,
      Map<String, Map<String, Delivered>> argoCd) {

    public String revision() {
      return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /**
     * "validated → applied on 2 of 3 → healthy on 1 of 3 · denied on guangzhou-prod", and through
     * Argo CD "… → synced by Argo CD on 2 of 3 → Argo CD healthy on 1 of 3".
     */
    public String stage() {
      java.util.SortedSet<String> all = new java.util.TreeSet<>(clusters.keySet());
      all.addAll(argoCd.keySet());
      int total = all.size();
      long applied = clusters.values().stream().filter("synced"::equals).count();
      long well = healthy.values().stream().filter(Boolean::booleanValue).count();
      StringBuilder text = new StringBuilder("validated");
      if (!clusters.isEmpty() || argoCd.isEmpty()) {
        text.append(" → applied on ").append(applied).append(" of ").append(total);
        text.append(" → healthy on ").append(well).append(" of ").append(total);
      }
      if (!argoCd.isEmpty()) {
        text.append(" → synced by Argo CD on ")
            .append(all.stream().filter(c -> throughArgoCd(c, Delivered::synced, false)).count())
            .append(" of ")
            .append(total)
            .append(" → Argo CD healthy on ")
            .append(all.stream().filter(c -> throughArgoCd(c, Delivered::healthy, true)).count())
            .append(" of ")
            .append(total);
      }
      clusters.forEach(
          (cluster, outcome) -> {
            if (!outcome.equals("synced")) {
              text.append(" · ").append(outcome).append(" on ").append(cluster);
            }
          });
      argoCd.forEach(
          (cluster, bundles) ->
              bundles.forEach(
                  (bundle, delivered) -> {
                    if (!delivered.synced()) {
                      text.append(" · ")
                          .append(bundle)
                          .append(" not synced by Argo CD on ")
                          .append(cluster)
                          .append(" (")
                          .append(delivered.operation())
                          .append(", ")
                          .append(delivered.sync())
                          .append(')');
                    }
                  }));
      unhealthy()
          .forEach(
              (what, where) ->
                  text.append(" · ")
                      .append(what)
                      .append(" on ")
                      .append(String.join(", ", where.subList(0, Math.min(NAMED, where.size()))))
                      .append(
                          where.size() > NAMED ? " and " + (where.size() - NAMED) + " more" : ""));
      return text.toString();
    }

    /**
     * "payments Progressing" → the clusters where Argo CD synced it but did not find it healthy.
     */
    private Map<String, java.util.List<String>> unhealthy() {
      Map<String, java.util.List<String>> where = new TreeMap<>();
      argoCd.forEach(
          (cluster, bundles) ->
              bundles.forEach(
                  (bundle, delivered) -> {
                    if (delivered.synced() && !delivered.healthy()) {
                      String word = delivered.health().isEmpty() ? "UNKNOWN" : delivered.health();
                      String health =
                          word.charAt(0) + word.substring(1).toLowerCase(java.util.Locale.ROOT);
                      where
                          .computeIfAbsent(bundle + " " + health, k -> new java.util.ArrayList<>())
                          .add(cluster);
                    }
                  }));
      return where;
    }

    /**
     * Whether every bundle Argo CD delivered to the cluster meets the test; a cluster whose sync
     * finished synced with nothing for Argo CD to deliver meets it too (or, for health, when its
     * synced objects were healthy).
     */
    private boolean throughArgoCd(
        String cluster, java.util.function.Predicate<Delivered> test, boolean health) {
      Map<String, Delivered> bundles = argoCd.get(cluster);
      if (bundles != null) {
        return bundles.values().stream().allMatch(test);
      }
      return "synced".equals(clusters.get(cluster))
          && (!health || Boolean.TRUE.equals(healthy.get(cluster)));
    }

    /** Every cluster's sync finished synced and healthy, and so did all Argo CD delivered. */
    public boolean appliedEverywhere() {
      return !clusters.isEmpty()
          && clusters.keySet().containsAll(argoCd.keySet())
          && clusters.values().stream().allMatch("synced"::equals)
          && healthy.values().stream().allMatch(Boolean::booleanValue)
          && argoCd.values().stream()
              .flatMap(bundles -> bundles.values().stream())
              .allMatch(d -> d.synced() && d.healthy());
    }
  }

  private final UiThread threads;
  private final Map<String, Journey> byCommit = new LinkedHashMap<>();
  private final ObservableList<Journey> journeys = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Connecting to events…");

  public ActivityViewModel(UiThread threads) {
    this.threads = threads;
  }

  /** Takes one event from the stream; safe to call from the reader's thread. */
  public void event(long id, String type, JsonNode data, Instant time) {
    threads
        .ui()
        .execute(
            () -> {
              status.set("Live · last event " + id);
              String commit = data.path("commit").asText("");
              String cluster = data.path("cluster").asText("");
              if (commit.isEmpty() || cluster.isEmpty()) {
                return;
              }
              switch (type) {
                case "sync.finished" -> finished(commit, cluster, data, time);
                case "argocd.synced" -> delivered(commit, cluster, data, time);
                default -> {}
              }
            });
  }

  private void finished(String commit, String cluster, JsonNode data, Instant time) {
    Journey known = byCommit.get(commit);
    SortedMap<String, String> clusters = new TreeMap<>(known == null ? Map.of() : known.clusters());
    String outcome = data.path("outcome").asText();
    clusters.put(cluster, outcome);
    SortedMap<String, Boolean> healthy = new TreeMap<>(known == null ? Map.of() : known.healthy());
    JsonNode health = data.path("health");
    healthy.put(
        cluster,
        outcome.equals("synced")
            && health.path("progressing").asInt(0) == 0
            && health.path("degraded").asInt(0) == 0
            && health.path("unknown").asInt(0) == 0);
    update(
        known,
        new Journey(
            commit,
            known == null ? time : known.firstSeen(),
            Collections.unmodifiableSortedMap(clusters),
            Collections.unmodifiableSortedMap(healthy),
            known == null ? Map.of() : known.argoCd()));
  }

  private void delivered(String commit, String cluster, JsonNode data, Instant time) {
    String bundle = word(data, "bundle", "");
    if (bundle.isEmpty()) {
      return;
    }
    Journey known = byCommit.get(commit);
    SortedMap<String, Map<String, Delivered>> argoCd =
        new TreeMap<>(known == null ? Map.of() : known.argoCd());
    SortedMap<String, Delivered> bundles = new TreeMap<>(argoCd.getOrDefault(cluster, Map.of()));
    bundles.put(
        bundle,
        new Delivered(
            word(data, "application", ""),
            word(data, "operation", "UNKNOWN"),
            word(data, "sync", "UNKNOWN"),
            word(data, "health", "UNKNOWN")));
    argoCd.put(cluster, Collections.unmodifiableSortedMap(bundles));
    update(
        known,
        new Journey(
            commit,
            known == null ? time : known.firstSeen(),
            known == null ? Map.of() : known.clusters(),
            known == null ? Map.of() : known.healthy(),
            Collections.unmodifiableSortedMap(argoCd)));
  }

  /** A field as text of at most {@link #WORD} characters; {@code otherwise} when none. */
  private static String word(JsonNode data, String field, String otherwise) {
    JsonNode value = data.path(field);
    String text = value.isTextual() ? value.asText() : "";
    text = text.isBlank() ? otherwise : text;
    return text.length() > WORD ? text.substring(0, WORD) + "…" : text;
  }

  /** The longest name or word an event may put into the timeline. */
  static final int WORD = 120;

  private void update(Journey known, Journey updated) {
    byCommit.put(updated.commit(), updated);
    if (known == null) {
      journeys.addFirst(updated);
      if (journeys.size() > KEPT) {
        byCommit.remove(journeys.removeLast().commit());
      }
    } else {
      journeys.set(journeys.indexOf(known), updated);
    }
  }

  /** The stream broke; it resumes by itself. */
  public void disconnected(String problem) {
    threads.ui().execute(() -> status.set("Reconnecting to events (" + problem + ")…"));
  }

  /** Some events were missed: the timeline may have gaps until the next syncs. */
  public void reset() {
    threads
        .ui()
        .execute(() -> status.set("Some events were missed; the timeline may be incomplete"));
  }

  public ObservableList<Journey> journeys() {
    return journeys;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }
}
