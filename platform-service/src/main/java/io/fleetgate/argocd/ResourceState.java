package io.fleetgate.argocd;

/**
 * One resource of an application with Argo CD's view of it.
 *
 * @param ref which object
 * @param sync whether it matches the target revision
 * @param health its health; {@link HealthStatus#UNKNOWN} when Argo CD assesses none for its kind
 */
public record ResourceState(ResourceRef ref, SyncStatus sync, HealthStatus health) {}
