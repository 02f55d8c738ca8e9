package io.fleetgate.console.policy;

import io.fleetgate.console.ui.UiThread;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the policy view: findings filtered by text and severity, counts by control for the
 * summary, and the waivers. {@link #refresh()} reads off the UI thread.
 */
public final class PolicyViewModel {

  /** Severity filter choices; "all" lets every finding through. */
  public static final List<String> SEVERITIES = List.of("all", "critical", "high", "medium", "low");

  private final PolicySource source;
  private final UiThread threads;
  private final ObservableList<PolicySource.FindingRow> findings =
      FXCollections.observableArrayList();
  private final FilteredList<PolicySource.FindingRow> visible = new FilteredList<>(findings);
  private final ObservableList<PolicySource.WaiverRow> waivers =
      FXCollections.observableArrayList();
  private final StringProperty filter = new SimpleStringProperty("");
  private final StringProperty severity = new SimpleStringProperty("all");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Loading findings…");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

  public PolicyViewModel(PolicySource source, UiThread threads) {
    this.source = source;
    this.threads = threads;
    filter.addListener((obs, old, now) -> refilter());
    severity.addListener((obs, old, now) -> refilter());
  }

  public CompletableFuture<Void> refresh() {
    return CompletableFuture.supplyAsync(source::policy, threads.background())
        .handleAsync(
            (picture, failure) -> {
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                error.set("Cannot read the policy findings: " + cause.getMessage());
              } else {
                error.set("");
                findings.setAll(picture.findings());
                waivers.setAll(picture.waivers());
                summary.set(summarise(picture));
              }
              return null;
            },
            threads.ui());
  }

  private void refilter() {
    String query = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
    String level = severity.get();
    visible.setPredicate(
        f ->
            ("all".equals(level) || f.severity().equals(level))
                && (query.isEmpty()
                    || (f.cluster()
                            + " "
                            + f.object()
                            + " "
                            + f.policy()
                            + " "
                            + String.join(" ", f.controls())
                            + " "
                            + f.source())
                        .toLowerCase(Locale.ROOT)
                        .contains(query)));
  }

  /** "12 denied, 2 waived, 1 warned · most: PCI-DSS-v4.0:2.2.1 (7), …". */
  static String summarise(PolicySource.Picture picture) {
    long denied = picture.findings().stream().filter(f -> f.decision().equals("denied")).count();
    long waived = picture.findings().stream().filter(f -> f.decision().equals("waived")).count();
    long warned = picture.findings().stream().filter(f -> f.decision().equals("warned")).count();
    Map<String, Integer> byControl = new TreeMap<>();
    for (var f : picture.findings()) {
      for (String control : f.controls()) {
        byControl.merge(control, 1, Integer::sum);
      }
    }
    String top =
        byControl.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(3)
            .map(e -> e.getKey() + " (" + e.getValue() + ")")
            .reduce((a, b) -> a + ", " + b)
            .orElse("none");
    return "%d denied · %d waived · %d warned · most findings: %s · %d waiver(s)"
        .formatted(denied, waived, warned, top, picture.waivers().size());
  }

  public ObservableList<PolicySource.FindingRow> visibleFindings() {
    return visible;
  }

  public ObservableList<PolicySource.WaiverRow> waivers() {
    return waivers;
  }

  public StringProperty filterProperty() {
    return filter;
  }

  public StringProperty severityProperty() {
    return severity;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
