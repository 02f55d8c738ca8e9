package io.fleetgate.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The question other parts ask before a risky change — "is service X burning faster than N× over
 * window W in clusters Y?" — answered from one evaluation. Fails closed: a cluster whose figures
 * are unknown, or a window the rules do not record, makes the answer unknown, never ok.
 */
public final class SloGate {

  private SloGate() {}

  /**
   * @param service the service
   * @param factor the burn rate that counts as burning
   * @param window the window the burn rate is taken over; one the SLOs' alerts use
   * @param clusters the clusters asked about; empty for every cluster that reports the service
   */
  public record Question(String service, double factor, Window window, Set<String> clusters) {
    public Question {
      clusters = Set.copyOf(clusters);
    }
  }

  /** One SLO's burn rate on one cluster. */
  public record Burn(String slo, String cluster, double burnRate) {}

  /** The gate's typed answer. */
  public sealed interface Answer {

    /** Below the factor everywhere asked; the figures that show it. */
    record Ok(List<Burn> burns) implements Answer {}

    /** At or above the factor somewhere; every burn above it. */
    record Burning(List<Burn> burns) implements Answer {}

    /** Not known; why. */
    record Unknown(String reason) implements Answer {}
  }

  public static Answer ask(Question question, List<SloReading> readings) {
    List<Burn> below = new ArrayList<>();
    List<Burn> above = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (SloReading reading : readings) {
      if (!reading.slo().service().equals(question.service())
          || !(question.clusters().isEmpty() || question.clusters().contains(reading.cluster()))) {
        continue;
      }
      seen.add(reading.cluster());
      switch (reading) {
        case SloReading.Unknown u ->
            unknown.add(u.slo().name() + " on " + u.cluster() + ": " + u.reason());
        case SloReading.Known k -> {
          Double rate = k.burnRates().get(question.window());
          if (rate == null) {
            unknown.add(
                k.slo().name()
                    + " on "
                    + k.cluster()
                    + ": no burn rate over "
                    + question.window()
                    + " is recorded (its alerts use other windows)");
          } else {
            (rate >= question.factor() ? above : below)
                .add(new Burn(k.slo().name(), k.cluster(), rate));
          }
        }
      }
    }
    for (String cluster : question.clusters()) {
      if (!seen.contains(cluster)) {
        unknown.add("no SLO of " + question.service() + " is read on " + cluster);
      }
    }
    if (!above.isEmpty()) {
      return new Answer.Burning(above);
    }
    if (!unknown.isEmpty()) {
      return new Answer.Unknown(String.join("; ", unknown));
    }
    if (below.isEmpty()) {
      return new Answer.Unknown("no SLO of " + question.service() + " is read anywhere");
    }
    return new Answer.Ok(below);
  }
}
