package io.fleetgate.console.fleet;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.console.ui.UiThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The detail of the cluster chosen in the fleet overview: its objects with their planned change
 * against Git and their health, the live diff of the chosen object, and the cluster's events. On a
 * platform that syncs through Argo CD, also Argo CD's sync status and health of the cluster's
 * Applications. Loading asks the platform to compare with the live cluster and asks Argo CD, each
 * off the UI thread and each on its own, so a slow Argo CD never holds the objects back; choosing
 * another cluster meanwhile drops the older answers.
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
  private final ObservableList<ArgoCdStatus.Application> applications =
      FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper argoCdShown = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper argoCdSummary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper argoCdEmpty = new ReadOnlyStringWrapper("");

  public ClusterDetailViewModel(ClusterSource source, UiThread threads) {
    this.source = source;
    this.threads = threads;
    selected.addListener((obs, old, row) -> diff.set(row == null ? "" : describe(row)));
  }

  /** Loads the cluster's objects and Argo CD's view; completes when both are shown. */
  public CompletableFuture<Void> load(String cluster) {
    long mine = generation.incrementAndGet();
    title.set(cluster + " · comparing with the live cluster…");
    if (argoCdShown.get()) {
      argoCdSummary.set("Asking Argo CD about " + cluster + "…");
      argoCdEmpty.set("Asking Argo CD…");
      applications.clear();
    }
    return CompletableFuture.allOf(objects(cluster, mine), argoCd(cluster, mine));
  }

  private CompletableFuture<Void> argoCd(String cluster, long mine) {
    return CompletableFuture.supplyAsync(() -> source.argoCd(cluster), threads.background())
        .handleAsync(
            (report, failure) -> {
              if (mine != generation.get()) {
                return null;
              }
              if (failure != null) {
                // The platform itself did not answer: whether it drives Argo CD stays as known.
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                applications.clear();
                argoCdSummary.set(
                    "Argo CD's view could not be read from the platform: "
                        + ArgoCdSummary.cut(cause.getMessage()));
                argoCdEmpty.set("Nothing read; see the line above.");
                return null;
              }
              argoCdShown.set(report.state() != ArgoCdStatus.State.NOT_DRIVEN);
              applications.setAll(report.applications());
              argoCdSummary.set(ArgoCdSummary.of(report));
              argoCdEmpty.set(
                  report.state() == ArgoCdStatus.State.READ
                      ? "Argo CD has no Application for this cluster."
                      : "Argo CD could not be read; see the line above.");
              return null;
            },
            threads.ui());
  }

  private CompletableFuture<Void> objects(String cluster, long mine) {
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

  /** The cluster's Argo CD Applications; empty when the platform does not sync through Argo CD. */
  public ObservableList<ArgoCdStatus.Application> applications() {
    return applications;
  }

  /** Whether the platform syncs through Argo CD, so that its view belongs on screen. */
  public ReadOnlyBooleanProperty argoCdShownProperty() {
    return argoCdShown.getReadOnlyProperty();
  }

  /** What the empty Argo CD table says: none there, not read, or still asking. */
  public ReadOnlyStringProperty argoCdEmptyProperty() {
    return argoCdEmpty.getReadOnlyProperty();
  }

  /** One line on Argo CD's view: how many Applications are synced and healthy, or why unread. */
  public ReadOnlyStringProperty argoCdSummaryProperty() {
    return argoCdSummary.getReadOnlyProperty();
  }
}
