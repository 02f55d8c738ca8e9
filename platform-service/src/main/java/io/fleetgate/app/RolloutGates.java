package io.fleetgate.app;

import io.fleetgate.api.PlatformApi.ClusterState;
import io.fleetgate.rollout.Gate;
import io.fleetgate.rollout.GateAnswer;
import io.fleetgate.rollout.GateSource;
import io.fleetgate.slo.Slo;
import io.fleetgate.slo.SloGate;
import io.fleetgate.slo.SloReading;
import io.fleetgate.slo.Window;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gates a rollout asks outside itself, answered from the platform's own records: the SLO burn
 * through {@link SloGate} over the latest SLO readings, and the policy decisions of each cluster's
 * latest sync. Both fail closed: what is not known holds the wave.
 *
 * @param readings the latest SLO readings, empty before the first; cluster names as the SLO
 *     readings use them (names, not namespace/name)
 * @param slos the SLOs of the synced revision
 * @param clusters each cluster's latest sync
 */
record RolloutGates(List<SloReading> readings, List<Slo> slos, List<ClusterState> clusters)
    implements GateSource {

  @Override
  public GateAnswer sloBurn(Gate.SloBurn gate, List<String> qualified) {
    Optional<Slo> slo = slos.stream().filter(s -> s.name().equals(gate.slo())).findFirst();
    if (slo.isEmpty()) {
      return held("the synced revision has no SLO " + gate.slo());
    }
    Window window;
    try {
      window = Window.parse(gate.window());
    } catch (IllegalArgumentException e) {
      return held("the window " + gate.window() + " cannot be read: " + e.getMessage());
    }
    Set<String> names = new HashSet<>();
    qualified.forEach(q -> names.add(q.substring(q.indexOf('/') + 1)));
    List<SloReading> ofThisSlo =
        readings.stream().filter(r -> r.slo().name().equals(gate.slo())).toList();
    SloGate.Answer answer =
        SloGate.ask(
            new SloGate.Question(slo.get().service(), gate.maxBurnRate(), window, names),
            ofThisSlo);
    return switch (answer) {
      case SloGate.Answer.Ok ok -> new GateAnswer.Open();
      case SloGate.Answer.Burning burning ->
          new GateAnswer.Failing(
              "SLO "
                  + gate.slo()
                  + " is burning "
                  + String.join(
                      ", ",
                      burning.burns().stream()
                          .map(
                              b ->
                                  String.format(
                                      java.util.Locale.ROOT,
                                      "%.1f× on %s",
                                      b.burnRate(),
                                      b.cluster()))
                          .toList())
                  + " over "
                  + gate.window()
                  + ", above "
                  + format(gate.maxBurnRate())
                  + "×");
      case SloGate.Answer.Unknown unknown ->
          held("SLO " + gate.slo() + " is unknown: " + unknown.reason());
    };
  }

  @Override
  public GateAnswer policyDenials(List<String> qualified) {
    List<String> denied = new ArrayList<>();
    List<String> unjudged = new ArrayList<>();
    for (String cluster : qualified) {
      Optional<ClusterState> state =
          clusters.stream()
              .filter(c -> (c.cluster().namespace() + "/" + c.cluster().name()).equals(cluster))
              .findFirst();
      if (state.isEmpty() || "never".equals(state.get().outcome())) {
        unjudged.add(cluster);
      } else if ("denied".equals(state.get().outcome()) || state.get().violations() > 0) {
        denied.add(
            cluster
                + " ("
                + state.get().violations()
                + " at "
                + short12(state.get().commit())
                + ")");
      }
    }
    if (!denied.isEmpty()) {
      return new GateAnswer.Failing("policy denies objects on " + String.join(", ", denied));
    }
    if (!unjudged.isEmpty()) {
      return held("no sync has judged " + String.join(", ", unjudged) + " yet");
    }
    return new GateAnswer.Open();
  }

  private static GateAnswer held(String reason) {
    return new GateAnswer.Held(reason, Optional.empty());
  }

  private static String short12(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  private static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
