package io.fleetgate.testing;

import java.time.Instant;

/**
 * The example fleet's payment-gateway traffic as OpenMetrics for a Prometheus's history: 50
 * requests a second, sampled every minute, 0.05 % of them errors, then {@code lastHourErrors} of
 * them in the last hour.
 */
public final class GatewayTraffic {

  private static final long STEP = 60;
  private static final double RATE = 50;

  private GatewayTraffic() {}

  public static String openMetrics(Instant start, Instant end, double lastHourErrors) {
    StringBuilder good = new StringBuilder();
    StringBuilder bad = new StringBuilder();
    double g = 0;
    double b = 0;
    for (long t = start.getEpochSecond(); t <= end.getEpochSecond(); t += STEP) {
      double share = t > end.getEpochSecond() - 3600 ? lastHourErrors : 0.0005;
      b += RATE * STEP * share;
      g += RATE * STEP * (1 - share);
      good.append("http_requests_total{service=\"payment-gateway\",code=\"200\"} ")
          .append(g)
          .append(' ')
          .append(t)
          .append('\n');
      bad.append("http_requests_total{service=\"payment-gateway\",code=\"500\"} ")
          .append(b)
          .append(' ')
          .append(t)
          .append('\n');
    }
    return "# TYPE http_requests counter\n" + good + bad + "# EOF\n";
  }
}
