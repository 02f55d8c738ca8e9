package io.fleetgate.argocd;

/**
 * One object an application manages and whether its live state differs from the target. The states
 * themselves (which may hold Secret data) never leave the adapter.
 *
 * @param ref which object
 * @param modified whether the live object differs from the target revision's
 */
public record ManagedResource(ResourceRef ref, boolean modified) {}
