package io.fleetgate.argocd;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An Argo CD server, as much of it as Fleetgate uses: its applications, the clusters and projects
 * they deliver to. Every method either does what it says or throws {@link ArgoCdException} with the
 * reason ({@link ArgoCdFailure}); none blocks longer than the adapter's request timeout.
 */
public interface ArgoCd {

  /** The server's version; the cheapest call that proves the server answers and the token works. */
  ArgoVersion version();

  /** How the server ties live objects to their Application, from its settings. */
  TrackingMethod trackingMethod();

  /** The applications carrying every label of the selector. */
  List<ArgoApplication> applications(LabelSelector selector);

  /** The application of that name, empty when there is none. */
  Optional<ArgoApplication> application(String name);

  /**
   * Creates the application, or brings an existing one of that name to this declaration (its
   * source, destination and labels). Argo CD validates it: an unknown project, cluster or
   * repository is {@link ArgoCdFailure#REJECTED}.
   */
  ArgoApplication upsert(ArgoApplication application);

  /**
   * Deletes the application; {@code cascade} says whether its objects go from the cluster too.
   * Deleting one that does not exist is not an error.
   */
  Removal delete(String name, Cascade cascade);

  /**
   * Starts a sync of the application to {@code revision}, a full Git commit id: Fleetgate syncs
   * only what it validated, never a branch that may move on. Returns once Argo CD has accepted the
   * operation; {@link #state} follows it.
   */
  void sync(String name, String revision, Prune prune);

  /** What Argo CD last observed of the application; empty when there is none of that name. */
  Optional<ApplicationState> state(String name);

  /** The application's resource tree: what it manages and what grew from it. */
  List<ResourceNode> resourceTree(String name);

  /** The objects the application manages and whether each differs from its target. */
  List<ManagedResource> managedResources(String name);

  /**
   * Passes each change to the applications carrying the selector's labels to the listener, as Argo
   * CD announces it (first every matching application as ADDED), until the stream ends (returns) or
   * fails (throws). Blocks the calling thread for as long as the stream lasts.
   */
  void watch(LabelSelector selector, Consumer<ApplicationChange> listener);

  /** Every cluster registered in Argo CD. */
  List<ArgoCluster> clusters();

  /** The cluster registered for that API server URL, empty when there is none. */
  Optional<ArgoCluster> cluster(String server);

  /** Removes the registration of the cluster at that API server URL. */
  Removal deleteCluster(String server);

  /** The project of that name, empty when there is none. */
  Optional<ArgoProject> project(String name);

  /** Creates the project, or brings an existing one of that name to this declaration. */
  ArgoProject upsert(ArgoProject project);
}
