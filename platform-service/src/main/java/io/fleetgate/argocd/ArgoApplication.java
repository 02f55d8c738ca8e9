package io.fleetgate.argocd;

import java.util.Map;
import java.util.TreeMap;

/**
 * An Argo CD Application as Fleetgate declares it: one directory of one Git repository at one
 * revision, delivered to one namespace of one cluster.
 *
 * @param name the Application's name (a Kubernetes object name)
 * @param project the Argo CD project it belongs to
 * @param repoUrl the Git repository Argo CD reads
 * @param path the directory inside the repository, relative, never leaving it
 * @param targetRevision the revision Argo CD syncs to (Fleetgate pins a validated commit)
 * @param destinationServer the API server URL of the target cluster, as registered in Argo CD;
 *     empty when the destination is the cluster's registered name
 * @param destinationNamespace the namespace objects without one go to; empty for none
 * @param labels the Application's labels (Fleetgate selects its own Applications by them)
 * @param destinationName the name the target cluster is registered under in Argo CD, which the
 *     {@code argocd} driver's Applications name; empty when the destination is a server URL.
 *     Exactly one of the two is given, as Argo CD requires.
 */
public record ArgoApplication(
    String name,
    String project,
    String repoUrl,
    String path,
    String targetRevision,
    String destinationServer,
    String destinationNamespace,
    Map<String, String> labels,
    String destinationName) {

  /** An Application whose destination is the cluster's API server URL. */
  public ArgoApplication(
      String name,
      String project,
      String repoUrl,
      String path,
      String targetRevision,
      String destinationServer,
      String destinationNamespace,
      Map<String, String> labels) {
    this(
        name,
        project,
        repoUrl,
        path,
        targetRevision,
        destinationServer,
        destinationNamespace,
        labels,
        "");
  }

  public ArgoApplication {
    ObjectNames.require("The Argo CD application", name);
    ObjectNames.require("The project of application " + name, project);
    repoUrl = required(name, "repository URL", repoUrl);
    path = path == null ? "" : path;
    if (path.startsWith("/") || ("/" + path + "/").contains("/../")) {
      throw new IllegalArgumentException(
          "The path of application "
              + name
              + " must be relative and stay inside the repository: "
              + ServerText.clean(path));
    }
    targetRevision = required(name, "target revision", targetRevision);
    destinationServer = destinationServer == null ? "" : destinationServer;
    destinationName = destinationName == null ? "" : destinationName;
    if (destinationServer.isEmpty() == destinationName.isEmpty()) {
      throw new IllegalArgumentException(
          "Application "
              + name
              + " must name its destination by exactly one of server URL and cluster name");
    }
    if (!destinationServer.isEmpty()) {
      required(name, "destination server", destinationServer);
    } else {
      required(name, "destination cluster name", destinationName);
    }
    destinationNamespace = destinationNamespace == null ? "" : destinationNamespace;
    labels = Map.copyOf(new TreeMap<>(labels));
    new LabelSelector(labels);
  }

  private static String required(String app, String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Application " + app + " has no " + what);
    }
    if (!ServerText.clean(value).equals(value)) {
      throw new IllegalArgumentException(
          "The " + what + " of application " + app + " holds control characters or spaces");
    }
    return value;
  }
}
