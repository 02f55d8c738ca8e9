package io.fleetgate.console.fleet;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.FleetSnapshot;
import io.fleetgate.api.FleetView;
import io.fleetgate.console.ui.UiThread;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the fleet overview: the rows, a search filter, a one-line summary, and
 * errors as sentences. {@link #refresh()} reads the fleet off the UI thread.
 */
public final class FleetOverviewViewModel {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final FleetView fleet;
  private final UiThread threads;
  private final ObservableList<ClusterSummary> rows = FXCollections.observableArrayList();
  private final FilteredList<ClusterSummary> visibleRows = new FilteredList<>(rows, row -> true);
  private final StringProperty filter = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Loading the fleet…");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper emptyMessage =
      new ReadOnlyStringWrapper("Loading the fleet…");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);

  public FleetOverviewViewModel(FleetView fleet, UiThread threads) {
    this.fleet = fleet;
    this.threads = threads;
    filter.addListener(
        (obs, old, query) -> visibleRows.setPredicate(cluster -> matches(cluster, query)));
  }

  /** Reads a new snapshot in the background; completes once the rows are updated. */
  public CompletableFuture<Void> refresh() {
    loading.set(true);
    return CompletableFuture.supplyAsync(fleet::snapshot, threads.background())
        .handleAsync(
            (snapshot, failure) -> {
              loading.set(false);
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set("Cannot read the fleet: " + cause.getMessage());
                summary.set("Fleet unavailable");
                emptyMessage.set("The fleet could not be read; the reason is below.");
              } else {
                show(snapshot);
              }
              return null;
            },
            threads.ui());
  }

  private void show(FleetSnapshot snapshot) {
    rows.setAll(snapshot.clusters());
    emptyMessage.set("No workload clusters are declared in the management cluster.");
    error.set(String.join("\n", snapshot.problems()));
    summary.set(
        "%d clusters · %d reachable · as of %s"
            .formatted(
                snapshot.clusters().size(),
                snapshot.reachableCount(),
                TIME.format(snapshot.takenAt())));
  }

  /** The clusters the filter lets through, for the table. */
  public ObservableList<ClusterSummary> visibleRows() {
    return visibleRows;
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** "Reachable", or "Unreachable: why", as the table words a cluster's health. */
  public static String health(ClusterSummary cluster) {
    return cluster.reachable() ? "Reachable" : "Unreachable: " + cluster.problem();
  }

  /**
   * True when the query (case-insensitive) occurs in the name, provider, region, env, tier or
   * phase.
   */
  static boolean matches(ClusterSummary cluster, String query) {
    if (query == null || query.isBlank()) {
      return true;
    }
    String q = query.strip().toLowerCase(Locale.ROOT);
    return Stream.of(
            cluster.name(),
            cluster.provider(),
            cluster.region(),
            cluster.env(),
            cluster.tier(),
            cluster.phase())
        .anyMatch(field -> field.toLowerCase(Locale.ROOT).contains(q));
  }

  /** Problems as sentences; empty when all is well. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** What the table says while it has no rows. */
  public ReadOnlyStringProperty emptyMessageProperty() {
    return emptyMessage.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }
}
