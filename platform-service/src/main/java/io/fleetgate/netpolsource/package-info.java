/**
 * Where the NetworkPolicy engine's models come from (an adapter beside the pure {@code netpol}):
 * files: a plain directory of manifests, or a fleet repository as rendered for one cluster; and
 * from a live cluster through the {@code kube} adapter.
 */
package io.fleetgate.netpolsource;
