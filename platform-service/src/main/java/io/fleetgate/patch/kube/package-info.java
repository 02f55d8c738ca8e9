/**
 * Reads the nodes of live workload clusters into the patch core: the {@link
 * io.fleetgate.patch.NodeSource} port over {@code kube}'s paged, size-limited lists, and the whole
 * fleet read side by side, one unreachable cluster never holding or hiding the others.
 */
package io.fleetgate.patch.kube;
