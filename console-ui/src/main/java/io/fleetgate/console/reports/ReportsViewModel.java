package io.fleetgate.console.reports;

import io.fleetgate.console.ui.UiThread;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State and commands of the audit reports view: the scope (range, cluster, control), a preview of
 * the HTML report, and exports. Generation runs on the platform; the view model waits off the UI
 * thread, shows progress, and can be told to stop waiting (cancel).
 */
public final class ReportsViewModel {

  /** The formats an export can take. */
  public static final List<String> EXPORTS =
      List.of("pdf", "sarif", "junit", "json", "openreports");

  private final ReportSource source;
  private final UiThread threads;
  private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
  private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
  private final StringProperty cluster = new SimpleStringProperty("");
  private final StringProperty control = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper html = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status =
      new ReadOnlyStringWrapper("Choose a range and generate a report.");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private CompletableFuture<?> running;

  public ReportsViewModel(ReportSource source, UiThread threads, LocalDate today) {
    this.source = source;
    this.threads = threads;
    from.set(today.minusDays(30));
    to.set(today);
  }

  private ReportSource.Request request(String format) {
    if (from.get() == null || to.get() == null || !from.get().isBefore(to.get().plusDays(1))) {
      throw new IllegalArgumentException("Choose a start date on or before the end date.");
    }
    return new ReportSource.Request(
        format,
        from.get(),
        to.get().plusDays(1),
        cluster.get() == null || cluster.get().isBlank() ? null : cluster.get().strip(),
        control.get() == null || control.get().isBlank() ? null : control.get().strip());
  }

  /** Generates the HTML report and shows it. */
  public CompletableFuture<Void> preview() {
    return start(
        "Generating the report…",
        () -> {
          ReportSource.Generated generated = source.generate(request("html"));
          return new Object[] {
            generated, new String(source.download(generated.id()), StandardCharsets.UTF_8)
          };
        },
        result -> {
          ReportSource.Generated generated = (ReportSource.Generated) result[0];
          html.set((String) result[1]);
          status.set(
              "%d finding(s) · audit chain %s"
                  .formatted(generated.findings(), generated.chainIntact() ? "intact" : "BROKEN"));
        });
  }

  /** Generates the report in a format and writes it to a file. */
  public CompletableFuture<Void> export(String format, Path file) {
    return start(
        "Exporting " + format + "…",
        () -> {
          ReportSource.Generated generated = source.generate(request(format));
          Files.write(file, source.download(generated.id()));
          return new Object[] {generated};
        },
        result ->
            status.set(
                "Exported %s to %s (%d finding(s))"
                    .formatted(format, file, ((ReportSource.Generated) result[0]).findings())));
  }

  /** Stops waiting for the report being generated; its result is dropped. */
  public void cancel() {
    if (running != null) {
      running.cancel(true);
      busy.set(false);
      status.set("Cancelled.");
    }
  }

  @FunctionalInterface
  private interface Work {
    Object[] run() throws Exception;
  }

  private CompletableFuture<Void> start(
      String doing, Work work, java.util.function.Consumer<Object[]> then) {
    busy.set(true);
    error.set("");
    status.set(doing);
    CompletableFuture<Object[]> job =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return work.run();
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            },
            threads.background());
    running = job;
    return job.handleAsync(
        (result, failure) -> {
          if (job.isCancelled()) {
            return null;
          }
          busy.set(false);
          if (failure != null) {
            Throwable cause = failure.getCause() == null ? failure : failure.getCause();
            error.set("The report could not be made: " + cause.getMessage());
            status.set("");
          } else {
            then.accept(result);
          }
          return null;
        },
        threads.ui());
  }

  public ObjectProperty<LocalDate> fromProperty() {
    return from;
  }

  public ObjectProperty<LocalDate> toProperty() {
    return to;
  }

  public StringProperty clusterProperty() {
    return cluster;
  }

  public StringProperty controlProperty() {
    return control;
  }

  /** The HTML of the last preview ("" before one). */
  public ReadOnlyStringProperty htmlProperty() {
    return html.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public BooleanProperty busyProperty() {
    return busy;
  }
}
