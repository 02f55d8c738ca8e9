/**
 * The fleet's patch state as pure values: each node's patch level, a patch target, and the
 * fleet-wide patch matrix (cluster × Kubernetes version × kernel × OS image, nodes up to date) with
 * its text and spreadsheet-safe CSV forms.
 *
 * <p>No I/O and no Kubernetes types: nodes come in through the {@link
 * io.fleetgate.patch.NodeSource} port, implemented for live clusters in {@code patch.kube}.
 */
package io.fleetgate.patch;
