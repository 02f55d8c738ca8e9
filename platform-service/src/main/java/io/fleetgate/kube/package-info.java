/**
 * Talks to Kubernetes API servers: builds clients from kubeconfigs under a safety policy, maps
 * kinds to resources by discovery, and server-side-applies generic objects.
 *
 * <p>This is the one adapter package that knows {@code io.kubernetes.client}; others reach
 * Kubernetes through it.
 */
package io.fleetgate.kube;
