package io.fleetgate.slo;

import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.SloFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** SLO specs written into a repository's {@code slos/} and read back as the platform reads them. */
final class Specs {

  static final String AVAILABILITY =
      """
      apiVersion: openslo/v1
      kind: SLO
      metadata:
        name: checkout-availability
      spec:
        service: checkout
        budgetingMethod: Occurrences
        timeWindow:
          - duration: 28d
            isRolling: true
        objectives:
          - target: 0.999
        indicator:
          metadata:
            name: checkout-success
          spec:
            ratioMetric:
              counter: true
              good:
                metricSource:
                  type: Prometheus
                  spec:
                    query: sum(rate(http_requests_total{service="checkout",code!~"5.."}[{{.window}}]))
              total:
                metricSource:
                  type: Prometheus
                  spec:
                    query: sum(rate(http_requests_total{service="checkout"}[{{.window}}]))
      """;

  private Specs() {}

  /** Reads {@code text} as {@code slos/spec.yaml} of a fresh repository under {@code root}. */
  static SloCatalog read(Path root, String text) {
    return read(root, "spec.yaml", text);
  }

  static SloCatalog read(Path root, String file, String text) {
    try {
      Path slos = root.resolve("slos");
      Files.createDirectories(slos);
      Files.writeString(slos.resolve(file), text);
      return SloFiles.read(root, ManifestLimits.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
