package io.fleetgate.console.fleet;

import io.fleetgate.console.ui.UiThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The detail of the cluster chosen in the fleet overview: its objects with their planned change
 * against Git and their health, the live diff of the chosen object, and the cluster's events.
 * Loading asks the platform to compare with the live cluster, off the UI thread; choosing another
 * cluster meanwhile drops the older answer.
 */
public final class ClusterDetailViewModel {

  private final ClusterSource source;
  private final UiThread threads;
  private final AtomicLong generation = new AtomicLong();
  private final ObservableList<ClusterSource.ObjectRow> objects =
      FXCollections.observableArrayList();
  private final ObservableList<ClusterSource.EventRow> events = FXCollections.observableArrayList();
  private final ObjectProperty<ClusterSource.ObjectRow> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Choose a cluster");
  private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper("");

  public ClusterDetailViewModel(ClusterSource source, UiThread threads) {
    this.source = source;
    this.threads = threads;
    selected.addListener((obs, old, row) -> diff.set(row == null ? "" : describe(row)));
  }

  public CompletableFuture<Void> load(String cluster) {
    long mine = generation.incrementAndGet();
    title.set(cluster + " · comparing with the live cluster…");
    return CompletableFuture.supplyAsync(() -> source.detail(cluster), threads.background())
        .handleAsync(
            (detail, failure) -> {
              if (mine != generation.get()) {
                return null;
              }
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                title.set(cluster + " · " + cause.getMessage());
                objects.clear();
                events.clear();
                return null;
              }
              objects.setAll(detail.objects());
              events.setAll(detail.events());
              long changes =
                  detail.objects().stream().filter(o -> !o.change().equals("unchanged")).count();
              title.set(
                  detail.problem().isEmpty()
                      ? "%s · %d object(s), %d would change · %d event(s)"
                          .formatted(
                              cluster, detail.objects().size(), changes, detail.events().size())
                      : cluster + " · " + detail.problem());
              return null;
            },
            threads.ui());
  }

  /** What the diff pane shows for an object. */
  static String describe(ClusterSource.ObjectRow row) {
    StringBuilder text =
        new StringBuilder(row.object() + " (" + row.source() + ") · " + row.change());
    if (!row.health().isEmpty()) {
      text.append(" · ").append(row.health());
      if (!row.healthMessage().isEmpty()) {
        text.append(": ").append(row.healthMessage());
      }
    }
    if (row.diff().isEmpty()) {
      text.append(row.change().equals("unchanged") ? "\nThe live object matches Git." : "");
    } else {
      row.diff().forEach(line -> text.append("\n  ").append(line));
    }
    return text.toString();
  }

  public ObservableList<ClusterSource.ObjectRow> objects() {
    return objects;
  }

  public ObservableList<ClusterSource.EventRow> events() {
    return events;
  }

  public ObjectProperty<ClusterSource.ObjectRow> selectedProperty() {
    return selected;
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty diffProperty() {
    return diff.getReadOnlyProperty();
  }
}
