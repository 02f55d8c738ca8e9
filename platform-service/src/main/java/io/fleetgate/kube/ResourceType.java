package io.fleetgate.kube;

/** The REST resource serving a kind: {@code apps/v1 deployments}, namespaced or not. */
public record ResourceType(GroupVersionKind gvk, String plural, boolean namespaced) {}
