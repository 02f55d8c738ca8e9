package io.fleetgate.console.remote;

import io.fleetgate.client.ApiClient;
import io.fleetgate.client.ApiException;
import io.fleetgate.client.api.SloApi;
import io.fleetgate.client.model.SloCluster;
import io.fleetgate.client.model.SloLastKnown;
import io.fleetgate.console.slo.SloSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SLO view's reads over the generated client: every SLO's figures and one SLO's trend. */
final class RemoteSlos implements SloSource {

  private final ApiClient client;

  RemoteSlos(ApiClient client) {
    this.client = client;
  }

  @Override
  public Report slos() {
    try {
      var report = new SloApi(client).listSlos();
      return new Report(
          report.getAt().toInstant(),
          report.getSlos().stream()
              .map(
                  s ->
                      new Slo(
                          s.getService(),
                          s.getName(),
                          s.getDescription() == null ? "" : s.getDescription(),
                          s.getTarget().doubleValue(),
                          s.getWindow(),
                          number(s.getFleetErrorRatio()),
                          number(s.getFleetBudgetRemaining()),
                          s.getAlerts().stream()
                              .map(
                                  a ->
                                      new Alert(
                                          a.getSeverity(),
                                          a.getFactor().doubleValue(),
                                          a.getLongWindow(),
                                          a.getShortWindow()))
                              .toList(),
                          s.getClusters().stream().map(RemoteSlos::cluster).toList()))
              .toList(),
          report.getProblems());
    } catch (ApiException e) {
      throw new IllegalStateException(RemoteNetwork.problem(e), e);
    }
  }

  private static LastKnown lastKnown(SloLastKnown last) {
    if (last == null || last.getAt() == null) {
      return null;
    }
    Map<String, Double> burns = new LinkedHashMap<>();
    if (last.getBurnRates() != null) {
      last.getBurnRates().forEach((w, r) -> burns.put(w, r.doubleValue()));
    }
    return new LastKnown(
        last.getAt().toInstant(),
        last.getBudgetRemaining() == null ? null : last.getBudgetRemaining().doubleValue(),
        burns);
  }

  /** A cluster the platform calls known but sends no figures for is unknown, and says why. */
  static ClusterFigures cluster(SloCluster c) {
    if (c.getState() != SloCluster.StateEnum.KNOWN) {
      return new ClusterFigures(
          c.getCluster(),
          new Unknown(
              c.getReason() == null ? "the platform gave no reason" : c.getReason(),
              lastKnown(c.getLastKnown())));
    }
    if (c.getErrorRatio() == null || c.getBudgetRemaining() == null) {
      return new ClusterFigures(
          c.getCluster(), new Unknown("the platform sent no error ratio or budget"));
    }
    Map<String, Double> burns = new LinkedHashMap<>();
    if (c.getBurnRates() != null) {
      c.getBurnRates().forEach((w, r) -> burns.put(w, r.doubleValue()));
    }
    return new ClusterFigures(
        c.getCluster(),
        new Known(
            c.getErrorRatio().doubleValue(),
            c.getBudgetRemaining().doubleValue(),
            burns,
            c.getExhaustionSeconds() == null ? null : c.getExhaustionSeconds().longValue(),
            c.getFiring() == null ? List.of() : c.getFiring()));
  }

  @Override
  public List<Point> history(String service, String slo, Instant from, Instant to, int points) {
    try {
      return new SloApi(client)
              .getSloHistory(service, slo, null, from.toString(), to.toString(), points)
              .getPoints()
              .stream()
              .map(
                  p ->
                      new Point(
                          p.getAt().toInstant(),
                          p.getCluster(),
                          p.getState() == io.fleetgate.client.model.SloPoint.StateEnum.KNOWN
                              && p.getBudgetRemaining() != null,
                          number(p.getBudgetRemaining()),
                          number(p.getBurn1h()),
                          number(p.getBurn6h()),
                          number(p.getBurn3d())))
              .toList();
    } catch (ApiException e) {
      throw new IllegalStateException(RemoteNetwork.problem(e), e);
    }
  }

  private static Double number(BigDecimal n) {
    return n == null ? null : n.doubleValue();
  }
}
