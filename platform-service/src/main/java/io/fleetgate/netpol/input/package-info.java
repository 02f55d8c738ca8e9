/**
 * Reads the NetworkPolicy engine's model from files: a plain directory of manifests, or a fleet
 * repository as rendered for one cluster; and from a live cluster through the {@code kube} adapter.
 */
package io.fleetgate.netpol.input;
