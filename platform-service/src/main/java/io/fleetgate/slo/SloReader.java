package io.fleetgate.slo;

import io.fleetgate.domain.SpecDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the spec documents of a repository's {@code slos/} directory, OpenSLO v1 and Sloth {@code
 * prometheus/v1} alike, into one catalog. Two SLOs of one name for one service are refused.
 */
public final class SloReader {

  private SloReader() {}

  public static SloCatalog read(List<SpecDocument> documents) {
    List<SloProblem> problems = new ArrayList<>();
    List<SpecDocument> openSlo = new ArrayList<>();
    List<Slo> slos = new ArrayList<>();
    for (SpecDocument document : documents) {
      Object apiVersion = document.object().get("apiVersion");
      Object version = document.object().get("version");
      if (OpenSloReader.API_VERSION.equals(apiVersion)) {
        openSlo.add(document);
      } else if (SlothReader.VERSION.equals(version)) {
        slos.addAll(SlothReader.read(document, problems));
      } else {
        problems.add(
            new SloProblem(
                document.location(),
                apiVersion != null ? "apiVersion" : "",
                "is neither an OpenSLO v1 document (apiVersion: openslo/v1) nor a Sloth spec"
                    + " (version: prometheus/v1)"));
      }
    }
    slos.addAll(new OpenSloReader(openSlo, problems).slos());
    Map<String, Slo> seen = new HashMap<>();
    List<Slo> unique = new ArrayList<>();
    for (Slo slo : slos) {
      Slo first = seen.putIfAbsent(slo.id(), slo);
      if (first != null) {
        problems.add(
            new SloProblem(
                slo.declaredAt(),
                "",
                "the SLO "
                    + slo.id()
                    + " is declared twice; the first is at "
                    + first.declaredAt()));
      } else {
        unique.add(slo);
      }
    }
    unique.sort(java.util.Comparator.comparing(Slo::id));
    return new SloCatalog(unique, problems);
  }
}
