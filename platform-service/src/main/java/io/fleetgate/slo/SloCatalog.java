package io.fleetgate.slo;

import java.util.List;

/**
 * The SLOs of a config repository and the problems found reading them; an SLO with a problem is not
 * in the list.
 */
public record SloCatalog(List<Slo> slos, List<SloProblem> problems) {

  public SloCatalog {
    slos = List.copyOf(slos);
    problems = List.copyOf(problems);
  }
}
