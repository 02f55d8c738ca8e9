package io.fleetgate.argocd;

import java.util.List;

/**
 * An Argo CD AppProject as Fleetgate declares it: which repositories its applications may read and
 * where they may deliver.
 *
 * @param name the project's name (a Kubernetes object name)
 * @param description what it is for
 * @param sourceRepos the repositories its applications may read (globs)
 * @param destinations where its applications may deliver
 */
public record ArgoProject(
    String name, String description, List<String> sourceRepos, List<ArgoDestination> destinations) {

  public ArgoProject {
    ObjectNames.require("The Argo CD project", name);
    description = description == null ? "" : description;
    sourceRepos = List.copyOf(sourceRepos);
    destinations = List.copyOf(destinations);
  }
}
