package io.fleetgate.sync;

/** One named step of a cluster's reconcile; it ends the reconcile by setting an outcome. */
interface Phase {

  String name();

  void run(ClusterScope scope);
}
