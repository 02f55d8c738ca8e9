package io.fleetgate.console.activity;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetgate.console.ui.UiThread;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A timeline of commits, newest first, built from events as they arrive: each {@code sync.finished}
 * adds or updates its commit's journey with that cluster's outcome. Events may arrive on any
 * thread; state changes run on the UI thread.
 */
public final class ActivityViewModel {

  /** At most this many commits are kept. */
  static final int KEPT = 200;

  /**
   * One commit's journey.
   *
   * @param clusters each cluster's latest outcome for this commit, by name, sorted
   * @param healthy whether each cluster's synced objects were all healthy after that sync
   */
  public record Journey(
      String commit,
      Instant firstSeen,
      Map<String, String> clusters,
      Map<String, Boolean> healthy) {

    public String revision() {
      return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** "validated → applied on 2 of 3 → healthy on 1 of 3 · denied on guangzhou-prod". */
    public String stage() {
      long applied = clusters.values().stream().filter("synced"::equals).count();
      long well = healthy.values().stream().filter(Boolean::booleanValue).count();
      StringBuilder text =
          new StringBuilder("validated → applied on " + applied + " of " + clusters.size());
      text.append(" → healthy on ").append(well).append(" of ").append(clusters.size());
      clusters.forEach(
          (cluster, outcome) -> {
            if (!outcome.equals("synced")) {
              text.append(" · ").append(outcome).append(" on ").append(cluster);
            }
          });
      return text.toString();
    }

    public boolean appliedEverywhere() {
      return clusters.values().stream().allMatch("synced"::equals)
          && healthy.values().stream().allMatch(Boolean::booleanValue);
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
              if (!type.equals("sync.finished")) {
                return;
              }
              String commit = data.path("commit").asText("");
              if (commit.isEmpty()) {
                return;
              }
              Journey known = byCommit.get(commit);
              java.util.SortedMap<String, String> clusters =
                  new TreeMap<>(known == null ? Map.of() : known.clusters());
              String cluster = data.path("cluster").asText();
              String outcome = data.path("outcome").asText();
              clusters.put(cluster, outcome);
              java.util.SortedMap<String, Boolean> healthy =
                  new TreeMap<>(known == null ? Map.of() : known.healthy());
              JsonNode health = data.path("health");
              healthy.put(
                  cluster,
                  outcome.equals("synced")
                      && health.path("progressing").asInt(0) == 0
                      && health.path("degraded").asInt(0) == 0
                      && health.path("unknown").asInt(0) == 0);
              Journey updated =
                  new Journey(
                      commit,
                      known == null ? time : known.firstSeen(),
                      java.util.Collections.unmodifiableSortedMap(clusters),
                      java.util.Collections.unmodifiableSortedMap(healthy));
              byCommit.put(commit, updated);
              if (known == null) {
                journeys.addFirst(updated);
                if (journeys.size() > KEPT) {
                  byCommit.remove(journeys.removeLast().commit());
                }
              } else {
                journeys.set(journeys.indexOf(known), updated);
              }
            });
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
