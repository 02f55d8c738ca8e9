package io.fleetgate.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowTest {

  @ParameterizedTest
  @CsvSource({"30s,30s", "5m,5m", "90m,90m", "60m,1h", "24h,1d", "1w,7d", "28d,28d"})
  void readsAndWritesPrometheusDurations(String text, String written) {
    assertThat(Window.parse(text).toString()).isEqualTo(written);
  }

  @Test
  void refusesWhatPrometheusCannotRead() {
    for (String text : new String[] {"", "5", "0m", "1.5h", "1M", "-5m", "5m30s", "99999999d"}) {
      assertThatThrownBy(() -> Window.parse(text)).as(text).hasMessageContaining("duration");
    }
  }

  @Test
  void theShortWindowOfALookbackIsATwelfth() {
    assertThat(BurnRateAlert.withLookback("page", 14.4, Window.hours(1), null).shortWindow())
        .isEqualTo(Window.minutes(5));
  }

  @Test
  void aCounterSelectorIsReadAsItsRateAndAnythingElseMustNameItsWindow() {
    assertThat(Query.of("http_requests_total{code=~\"5..\"}").over(Window.hours(1)))
        .isEqualTo("sum(rate(http_requests_total{code=~\"5..\"}[1h]))");
    assertThat(Query.of("sum(rate(x[{{ .window }}]))").over(Window.minutes(5)))
        .isEqualTo("sum(rate(x[5m]))");
    assertThatThrownBy(() -> Query.of("sum(rate(x[5m]))")).hasMessageContaining("{{.window}}");
  }
}
