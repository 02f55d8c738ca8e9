package io.fleetgate.netpol;

import java.util.List;

/**
 * What {@link ModelReader} made of a set of manifests.
 *
 * @param model the namespaces, workloads and policies read; objects with problems are left out
 * @param problems every object that could not be read, with the fix; an analysis over a model with
 *     problems is incomplete and must not be trusted as evidence
 */
public record ModelRead(NetworkModel model, List<ManifestProblem> problems) {

  public ModelRead {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
