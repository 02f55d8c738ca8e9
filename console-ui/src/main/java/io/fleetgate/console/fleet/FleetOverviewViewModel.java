package io.fleetgate.console.fleet;

import io.fleetgate.console.ui.UiThread;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the fleet overview: clusters grouped by provider and region, a search and a
 * "needs attention" filter, a one-line summary, and errors as sentences. {@link #refresh()} reads
 * the fleet off the UI thread; the groups are rebuilt only when the rows or the filter change.
 */
public final class FleetOverviewViewModel {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** One provider and region with the clusters in it that the filters let through. */
  public record Group(String provider, String region, List<FleetRow> rows) {
    public String title() {
      long attention = rows.stream().filter(FleetRow::needsAttention).count();
      return provider
          + " · "
          + region
          + " ("
          + rows.size()
          + (attention > 0 ? ", " + attention + " need attention" : "")
          + ")";
    }
  }

  private final FleetSource fleet;
  private final UiThread threads;
  private final List<FleetRow> all = new ArrayList<>();
  private final ObservableList<Group> groups = FXCollections.observableArrayList();
  private final StringProperty filter = new SimpleStringProperty("");
  private final BooleanProperty attentionOnly = new SimpleBooleanProperty(false);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Loading the fleet…");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper emptyMessage =
      new ReadOnlyStringWrapper("Loading the fleet…");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  public FleetOverviewViewModel(FleetSource fleet, UiThread threads) {
    this.fleet = fleet;
    this.threads = threads;
    filter.addListener((obs, old, query) -> regroup());
    attentionOnly.addListener((obs, old, only) -> regroup());
  }

  /** Reads the fleet in the background; completes once the groups are updated. */
  public CompletableFuture<Void> refresh() {
    loading.set(true);
    return CompletableFuture.supplyAsync(fleet::read, threads.background())
        .handleAsync(
            (picture, failure) -> {
              loading.set(false);
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set("Cannot read the fleet: " + cause.getMessage());
                errorDetails.set(io.fleetgate.console.ui.ErrorPane.details(cause));
                summary.set("Fleet unavailable");
                emptyMessage.set("The fleet could not be read; the reason is below.");
              } else {
                show(picture);
              }
              return null;
            },
            threads.ui());
  }

  private void show(FleetSource.Picture picture) {
    all.clear();
    all.addAll(picture.rows());
    emptyMessage.set("No workload clusters are declared in the management cluster.");
    error.set(String.join("\n", picture.problems()));
    errorDetails.set("");
    long reachable = all.stream().filter(r -> r.cluster().reachable()).count();
    long synced = all.stream().filter(r -> r.outcome().equals("synced")).count();
    long attention = all.stream().filter(FleetRow::needsAttention).count();
    summary.set(
        "%d clusters · %d reachable · %d synced · %d need attention · as of %s"
            .formatted(all.size(), reachable, synced, attention, TIME.format(picture.takenAt())));
    regroup();
  }

  /**
   * Rebuilds the groups from the rows and filters: the sorting and grouping run in the background,
   * only the result is set on the UI thread; a newer rebuild supersedes an older one.
   */
  private void regroup() {
    long mine = generation.incrementAndGet();
    List<FleetRow> rows = List.copyOf(all);
    String query = filter.get();
    boolean onlyAttention = attentionOnly.get();
    CompletableFuture.supplyAsync(() -> group(rows, query, onlyAttention), threads.background())
        .thenAcceptAsync(
            rebuilt -> {
              if (mine == generation.get()) {
                groups.setAll(rebuilt);
              }
            },
            threads.ui());
  }

  static List<Group> group(List<FleetRow> rows, String query, boolean onlyAttention) {
    Map<String, List<FleetRow>> byPlace = new LinkedHashMap<>();
    rows.stream()
        .filter(row -> matches(row, query))
        .filter(row -> !onlyAttention || row.needsAttention())
        .sorted(
            Comparator.comparing((FleetRow r) -> r.cluster().provider())
                .thenComparing(r -> r.cluster().region())
                .thenComparing(r -> r.cluster().name()))
        .forEach(
            row ->
                byPlace
                    .computeIfAbsent(
                        row.cluster().provider() + "\n" + row.cluster().region(),
                        k -> new ArrayList<>())
                    .add(row));
    List<Group> rebuilt = new ArrayList<>();
    byPlace.forEach(
        (place, list) -> {
          String[] parts = place.split("\n", 2);
          rebuilt.add(new Group(parts[0], parts[1], List.copyOf(list)));
        });
    return rebuilt;
  }

  /** The groups the filters let through, for the tree table. */
  public ObservableList<Group> groups() {
    return groups;
  }

  /** The clusters the filters let through, in display order. */
  public List<FleetRow> visibleRows() {
    return groups.stream().flatMap(g -> g.rows().stream()).toList();
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public BooleanProperty attentionOnlyProperty() {
    return attentionOnly;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** "Reachable", or "Unreachable: why", as the table words a cluster's health. */
  public static String health(FleetRow row) {
    return row.cluster().reachable() ? "Reachable" : "Unreachable: " + row.cluster().problem();
  }

  /** The sync column: the outcome, with violations and drift when there are any. */
  public static String sync(FleetRow row) {
    StringBuilder text = new StringBuilder(row.outcome());
    if (row.violations() > 0) {
      text.append(" · ").append(row.violations()).append(" violation(s)");
    }
    if (row.drifted() > 0) {
      text.append(" · ").append(row.drifted()).append(" drifted");
    }
    return text.toString();
  }

  /** True when the query (case-insensitive) occurs in the name, labels, phase or outcome. */
  static boolean matches(FleetRow row, String query) {
    if (query == null || query.isBlank()) {
      return true;
    }
    String q = query.strip().toLowerCase(Locale.ROOT);
    var c = row.cluster();
    return Stream.concat(
            Stream.of(
                c.name(), c.provider(), c.region(), c.env(), c.tier(), c.phase(), row.outcome()),
            c.labels().values().stream())
        .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(q));
  }

  /** Problems as sentences; empty when all is well. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** The technical account of the last failure (causes), for the details expander. */
  public ReadOnlyStringProperty errorDetailsProperty() {
    return errorDetails.getReadOnlyProperty();
  }

  /** What the table says while it has no rows. */
  public ReadOnlyStringProperty emptyMessageProperty() {
    return emptyMessage.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }
}
