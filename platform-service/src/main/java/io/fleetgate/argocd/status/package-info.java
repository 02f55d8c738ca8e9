/**
 * Argo CD's view of each cluster, for the platform's API and the console: the Applications the
 * {@code argocd} driver made for the cluster (found by Fleetgate's labels, never by name), with
 * their sync status, health, last operation and the resources that need attention. Reads through
 * the {@link io.fleetgate.argocd.ArgoCd} port only; answers in {@link
 * io.fleetgate.api.ArgoCdStatus}.
 */
package io.fleetgate.argocd.status;
