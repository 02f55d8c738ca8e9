/**
 * Computes NetworkPolicy reachability: which workloads and address ranges may open which
 * connections to which, with full {@code networking.k8s.io/v1} semantics. Pure logic, no I/O;
 * adapters feed it manifests.
 *
 * <p>The public API, in the order a caller uses it:
 *
 * <ol>
 *   <li>{@link io.fleetgate.netpol.ModelReader#read} turns parsed manifests ({@link
 *       io.fleetgate.netpol.ManifestObject}: a document's map and its file:line) into a {@link
 *       io.fleetgate.netpol.NetworkModel} of {@link io.fleetgate.netpol.Namespace}s, {@link
 *       io.fleetgate.netpol.Workload}s and {@link io.fleetgate.netpol.Policy}s, reporting every
 *       object it cannot read as a {@link io.fleetgate.netpol.ManifestProblem} with the fix.
 *   <li>{@link io.fleetgate.netpol.NetworkAnalysis#of} analyses a model; {@link
 *       io.fleetgate.netpol.NetworkAnalysis#connections()} lists every allowed {@link
 *       io.fleetgate.netpol.Connection} (source and destination {@link
 *       io.fleetgate.netpol.Endpoint}, {@link io.fleetgate.netpol.ConnectionSet}) sorted by source
 *       then destination; {@link io.fleetgate.netpol.NetworkAnalysis#allowed} and {@link
 *       io.fleetgate.netpol.NetworkAnalysis#explain} answer for one pair; {@link
 *       io.fleetgate.netpol.NetworkAnalysis#update} and {@link
 *       io.fleetgate.netpol.NetworkAnalysis#remove} change one policy and recompute only what it
 *       touches.
 * </ol>
 *
 * <p>Semantics: a connection needs egress allowed at the source and ingress allowed at the
 * destination; a workload that no policy selects in a direction is not isolated in it; rules of one
 * direction are a union; within a peer, {@code namespaceSelector} and {@code podSelector} must both
 * hold, across peers either; a peer without {@code namespaceSelector} means the policy's own
 * namespace; {@code ipBlock} peers match addresses outside the cluster (the space cut at every cidr
 * and except boundary into {@link io.fleetgate.netpol.IpRange} pieces), never pods; ports are
 * numbers, ranges ({@code endPort}) or names resolved against the destination's container ports of
 * the same protocol (a name matches nothing towards an address); {@code policyTypes} defaults to
 * Ingress, plus Egress when the policy has egress rules. Workloads are Pods and the pod templates
 * of controllers; replicas and owned objects collapse into their top-most owner.
 */
package io.fleetgate.netpol;
