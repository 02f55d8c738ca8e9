/**
 * The Network view: a cluster's NetworkPolicy reachability at a revision as a graph (namespaces as
 * groups, workloads as nodes, allowed connections as edges with their ports) and as a matrix, who
 * can reach a selected workload and what it can reach, the explanation of one path, and the
 * connections a change between two revisions opens and closes drawn on the graph.
 */
package io.fleetgate.console.network;
