package io.fleetgate.argocd.drive;

/**
 * Told of every bundle delivered through Argo CD, on the reconcile's thread, after its objects'
 * results were reported. It must not block: the platform turns each into an event.
 */
@FunctionalInterface
public interface Deliveries {

  /** Tells no one. */
  Deliveries NONE = delivery -> {};

  void delivered(Delivery delivery);
}
