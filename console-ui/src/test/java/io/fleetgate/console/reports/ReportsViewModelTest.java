package io.fleetgate.console.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.ui.UiThread;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsViewModelTest {

  private static final UiThread DIRECT = new UiThread(Runnable::run, Runnable::run);
  private static final LocalDate TODAY = LocalDate.parse("2026-11-24");

  /** Remembers the requests and answers with a small report. */
  private static final class Recorder implements ReportSource {
    final List<Request> requests = new ArrayList<>();

    @Override
    public Generated generate(Request request) {
      requests.add(request);
      return new Generated("r1", request.format(), 10, 3, true);
    }

    @Override
    public byte[] download(String id) {
      return "<h1>Policy audit report</h1>".getBytes(StandardCharsets.UTF_8);
    }
  }

  @Test
  void previewsTheLast30DaysByDefaultIncludingToday() {
    Recorder source = new Recorder();
    ReportsViewModel model = new ReportsViewModel(source, DIRECT, TODAY);

    model.preview().join();

    assertThat(source.requests)
        .containsExactly(
            new ReportSource.Request("html", TODAY.minusDays(30), TODAY.plusDays(1), null, null));
    assertThat(model.htmlProperty().get()).contains("Policy audit report");
    assertThat(model.statusProperty().get()).isEqualTo("3 finding(s) · audit chain intact");
  }

  @Test
  void exportsTheScopeChosenToAFile(@TempDir Path dir) throws Exception {
    Recorder source = new Recorder();
    ReportsViewModel model = new ReportsViewModel(source, DIRECT, TODAY);
    model.clusterProperty().set(" beijing-prod ");
    model.controlProperty().set("PCI-DSS-v4.0:1.3.1");

    model.export("sarif", dir.resolve("out.sarif")).join();

    assertThat(source.requests.getFirst().cluster()).isEqualTo("beijing-prod");
    assertThat(source.requests.getFirst().control()).isEqualTo("PCI-DSS-v4.0:1.3.1");
    assertThat(Files.readString(dir.resolve("out.sarif"))).contains("Policy audit report");
    assertThat(model.statusProperty().get()).startsWith("Exported sarif to ");
  }

  @Test
  void aRangeEndingBeforeItStartsIsExplained() {
    ReportsViewModel model = new ReportsViewModel(new Recorder(), DIRECT, TODAY);
    model.fromProperty().set(TODAY);
    model.toProperty().set(TODAY.minusDays(2));

    model.preview().join();

    assertThat(model.errorProperty().get())
        .isEqualTo("The report could not be made: Choose a start date on or before the end date.");
    assertThat(model.busyProperty().get()).isFalse();
  }
}
