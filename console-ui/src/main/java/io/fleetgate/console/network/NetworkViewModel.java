package io.fleetgate.console.network;

import io.fleetgate.console.ui.UiThread;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Network view: the cluster and revision shown, the diff drawn on it, the filters, the
 * selected workload with who can reach it and what it can reach, and the explanation of one
 * highlighted path. Platform calls run off the UI thread; {@link #shown()} is what the graph and
 * the matrix draw, recomputed whenever the picture, the diff or a filter changes.
 */
public final class NetworkViewModel {

  /** What to draw: the filtered picture, its edges (diff marks included) and their layout. */
  public record Shown(
      NetworkSource.Picture picture,
      List<NetworkGraph.DrawnEdge> edges,
      NetworkLayout layout,
      NetworkSource.Diff diff) {}

  /** A path from one endpoint to another. */
  public record Path(String src, String dst) {}

  private final NetworkSource source;
  private final UiThread threads;
  private final double width;
  private final StringProperty cluster = new SimpleStringProperty("");
  private final StringProperty revision = new SimpleStringProperty("");
  private final StringProperty diffFrom = new SimpleStringProperty("");
  private final StringProperty diffTo = new SimpleStringProperty("");
  private final StringProperty namespace = new SimpleStringProperty("all");
  private final StringProperty port = new SimpleStringProperty("");
  private final StringProperty finding = new SimpleStringProperty("all");
  private final StringProperty selected = new SimpleStringProperty("");
  private final ObjectProperty<Path> path = new SimpleObjectProperty<>();
  private final ReadOnlyObjectWrapper<NetworkSource.Picture> picture =
      new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<NetworkSource.Diff> diff = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Choose a cluster");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ObservableList<String> clusters = FXCollections.observableArrayList();
  private final ObservableList<String> revisions = FXCollections.observableArrayList();
  private final ObservableList<String> namespaces = FXCollections.observableArrayList("all");
  private final ObservableList<String> findingKinds = FXCollections.observableArrayList("all");
  private final ObservableList<String> reaching = FXCollections.observableArrayList();
  private final ObservableList<String> reachable = FXCollections.observableArrayList();
  private final ObservableList<NetworkSource.Finding> findings =
      FXCollections.observableArrayList();

  /**
   * @param width how wide the graph may grow before namespaces wrap to a new row
   */
  public NetworkViewModel(NetworkSource source, UiThread threads, double width) {
    this.source = source;
    this.threads = threads;
    this.width = width;
    namespace.addListener((o, a, b) -> redraw());
    port.addListener((o, a, b) -> redraw());
    finding.addListener((o, a, b) -> redraw());
    selected.addListener((o, a, b) -> reselect());
  }

  /**
   * Reads the clusters and revisions to choose from, picks the first cluster when none is chosen,
   * then {@link #load()}s it.
   */
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.supplyAsync(
            () -> new Object[] {source.clusters(), source.revisions()}, threads.background())
        .handleAsync(
            (lists, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set("Cannot read the clusters: " + cause.getMessage());
                return CompletableFuture.<Void>completedFuture(null);
              }
              @SuppressWarnings("unchecked")
              List<String> names = (List<String>) lists[0];
              @SuppressWarnings("unchecked")
              List<NetworkSource.Revision> commits = (List<NetworkSource.Revision>) lists[1];
              clusters.setAll(names);
              revisions.setAll(commits.stream().map(NetworkViewModel::describe).toList());
              if ((cluster.get() == null || cluster.get().isBlank()) && !names.isEmpty()) {
                cluster.set(names.getFirst());
              }
              return load();
            },
            threads.ui())
        .thenCompose(f -> f);
  }

  /** {@code 0123456789ab First line of the message}: a revision as the pickers list it. */
  static String describe(NetworkSource.Revision r) {
    String id = r.commit().substring(0, Math.min(12, r.commit().length()));
    String line = r.message().lines().findFirst().orElse("");
    return line.isBlank() ? id : id + "  " + line;
  }

  /** The revision a picker's text names: its first word, or null when blank. */
  static String revisionOf(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return text.strip().split("\\s+", 2)[0];
  }

  /**
   * Reads the cluster at the revision (blank: the synced one), and the diff when both ends are set.
   */
  public CompletableFuture<Void> load() {
    String name = cluster.get();
    String at = revisionOf(revision.get());
    String from = revisionOf(diffFrom.get());
    String to = revisionOf(diffTo.get());
    if (name == null || name.isBlank()) {
      error.set("Choose a cluster first.");
      return CompletableFuture.completedFuture(null);
    }
    summary.set("Analysing " + name + "…");
    return CompletableFuture.supplyAsync(
            () -> {
              boolean diffing = from != null && to != null;
              NetworkSource.Picture p = source.reachability(name, diffing ? to : at);
              NetworkSource.Diff d = diffing ? source.diff(name, from, to) : null;
              return new Object[] {p, d};
            },
            threads.background())
        .handleAsync(
            (loaded, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set("Cannot read the reachability of " + name + ": " + cause.getMessage());
                summary.set("");
              } else {
                error.set("");
                show((NetworkSource.Picture) loaded[0], (NetworkSource.Diff) loaded[1]);
              }
              return null;
            },
            threads.ui());
  }

  /** Shows a picture (and a diff, or null) read elsewhere; on the UI thread. */
  public void show(NetworkSource.Picture p, NetworkSource.Diff d) {
    // A path and its explanation belong to the picture they were chosen in.
    path.set(null);
    explanation.set("");
    picture.set(p);
    diff.set(d);
    TreeSet<String> spaces = new TreeSet<>();
    p.nodes().forEach(n -> spaces.add(n.namespace()));
    List<String> names = new ArrayList<>(List.of("all"));
    names.addAll(spaces);
    String chosen = namespace.get();
    namespaces.setAll(names);
    namespace.set(names.contains(chosen) ? chosen : "all");
    TreeSet<String> kinds = new TreeSet<>();
    p.findings().forEach(f -> kinds.add(f.kind()));
    List<String> k = new ArrayList<>(List.of("all"));
    k.addAll(kinds);
    String kind = finding.get();
    findingKinds.setAll(k);
    finding.set(k.contains(kind) ? kind : "all");
    findings.setAll(p.findings());
    String commit = p.commit().substring(0, Math.min(12, p.commit().length()));
    summary.set(
        p.cluster()
            + " at "
            + commit
            + ": "
            + p.nodes().size()
            + " workloads, "
            + p.edges().size()
            + " allowed connections, "
            + p.findings().size()
            + " findings"
            + (d == null
                ? ""
                : " · diff "
                    + d.from().substring(0, Math.min(12, d.from().length()))
                    + " → "
                    + commit
                    + ": "
                    + d.opened()
                    + " opened, "
                    + d.closed()
                    + " closed"
                    + (d.truncated() ? " (first " + d.changes().size() + " shown)" : "")));
    redraw();
    reselect();
  }

  private void redraw() {
    NetworkSource.Picture p = picture.get();
    if (p == null) {
      return;
    }
    NetworkSource.Picture visible =
        NetworkGraph.filtered(
            p, new NetworkGraph.Filter(namespace.get(), port.get(), finding.get()));
    List<NetworkGraph.DrawnEdge> edges = NetworkGraph.drawn(visible, diff.get());
    List<NetworkSource.Edge> closed = new ArrayList<>();
    for (NetworkGraph.DrawnEdge e : edges) {
      if (e.change() == NetworkGraph.Change.CLOSED) {
        closed.add(new NetworkSource.Edge(e.src(), e.dst(), e.label(), List.of()));
      }
    }
    shown.set(new Shown(visible, edges, NetworkLayout.of(visible, closed, width), diff.get()));
  }

  private void reselect() {
    NetworkSource.Picture p = picture.get();
    String s = selected.get();
    if (p == null || s == null || s.isBlank()) {
      reaching.clear();
      reachable.clear();
      return;
    }
    reaching.setAll(NetworkGraph.reaching(p, s));
    reachable.setAll(NetworkGraph.reachable(p, s));
  }

  /** Highlights the path and asks the platform why it is (not) allowed. */
  public CompletableFuture<Void> explain(String src, String dst) {
    NetworkSource.Picture p = picture.get();
    if (p == null) {
      return CompletableFuture.completedFuture(null);
    }
    path.set(new Path(src, dst));
    explanation.set("Explaining " + src + " → " + dst + "…");
    String at = p.commit();
    return CompletableFuture.supplyAsync(
            () -> source.explain(p.cluster(), at, src, dst), threads.background())
        .handleAsync(
            (why, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                explanation.set("Cannot explain " + src + " → " + dst + ": " + cause.getMessage());
              } else {
                explanation.set(why.text());
              }
              return null;
            },
            threads.ui());
  }

  public StringProperty clusterProperty() {
    return cluster;
  }

  public StringProperty revisionProperty() {
    return revision;
  }

  public StringProperty diffFromProperty() {
    return diffFrom;
  }

  public StringProperty diffToProperty() {
    return diffTo;
  }

  public StringProperty namespaceProperty() {
    return namespace;
  }

  public StringProperty portProperty() {
    return port;
  }

  public StringProperty findingProperty() {
    return finding;
  }

  /** The selected workload's endpoint, or "". */
  public StringProperty selectedProperty() {
    return selected;
  }

  public ObjectProperty<Path> pathProperty() {
    return path;
  }

  public ReadOnlyObjectProperty<NetworkSource.Picture> pictureProperty() {
    return picture.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<Shown> shownProperty() {
    return shown.getReadOnlyProperty();
  }

  public Shown shown() {
    return shown.get();
  }

  public ReadOnlyStringProperty explanationProperty() {
    return explanation.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ObservableList<String> clusters() {
    return clusters;
  }

  /** The revisions as the pickers list them, newest first. */
  public ObservableList<String> revisions() {
    return revisions;
  }

  public ObservableList<String> namespaces() {
    return namespaces;
  }

  public ObservableList<String> findingKinds() {
    return findingKinds;
  }

  /** Who can reach the selected workload. */
  public ObservableList<String> reaching() {
    return reaching;
  }

  /** What the selected workload can reach. */
  public ObservableList<String> reachable() {
    return reachable;
  }

  public ObservableList<NetworkSource.Finding> findings() {
    return findings;
  }
}
