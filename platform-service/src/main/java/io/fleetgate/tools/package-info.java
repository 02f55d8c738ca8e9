/**
 * Finds the pinned external programs (opa, kubectl, etcd, kube-apiserver, kustomize, cyclonus) that
 * {@code bin/setup} builds into the tool cache, through {@code FLEETGATE_TOOLS} and its {@code
 * tools.env}.
 */
package io.fleetgate.tools;
