/**
 * The {@code argocd} sync driver: a {@link io.fleetgate.apply.ClusterWriter} that executes a sync
 * plan through Argo CD. It publishes the validated objects as the cluster's rendered tree, points
 * one Application per bundle at the rendered commit, triggers its sync and reads the result back;
 * reads, drift checks and prunes stay with Fleetgate's Kubernetes writer (ADR 35). It talks to Argo
 * CD and Git only through the ports of {@code argocd.deploy}.
 */
package io.fleetgate.argocd.drive;
