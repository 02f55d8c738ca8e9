package io.fleetgate.rollout;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** Gates and waves in words, as the CLI, the API and the console show them. */
public final class GateText {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

  private GateText() {}

  /** {@code 1 cluster(s) at a time, 1 node(s) down at a time, soak 2h}. */
  public static String settings(Wave wave) {
    return wave.maxParallel()
        + " cluster(s) at a time, "
        + wave.maxUnavailableNodes()
        + " node(s) down at a time, "
        + Gate.describe(wave.soak());
  }

  public static String describe(Gate gate, Instant now) {
    return switch (gate) {
      case Gate.Healthy h -> "health: at least " + h.minReadyPercent() + " % of nodes Ready";
      case Gate.SloBurn b ->
          "SLO "
              + b.slo()
              + " burning at most "
              + java.math.BigDecimal.valueOf(b.maxBurnRate()).stripTrailingZeros().toPlainString()
              + "× over "
              + b.window();
      case Gate.NoPolicyDenials d -> "no policy denials";
      case Gate.Approval a -> "approval by " + a.group();
      case Gate.InWindow w -> {
        var window = w.window();
        String when =
            window
                .openSince(now)
                .map(s -> "open now, since " + WHEN.format(s.atZone(window.zone())))
                .orElseGet(
                    () ->
                        window
                            .nextOpening(now)
                            .map(s -> "next opens " + WHEN.format(s.atZone(window.zone())))
                            .orElse("never opens in the coming year"));
        yield "maintenance window " + window.describe() + ", " + when;
      }
    };
  }
}
