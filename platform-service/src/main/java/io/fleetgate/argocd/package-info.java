/**
 * Fleetgate and Argo CD: {@code argocd.register} keeps every Cluster API cluster registered in Argo
 * CD as a declarative cluster Secret (pure rules and ports), {@code argocd.kube} reads and writes
 * those Secrets on the management cluster.
 */
package io.fleetgate.argocd;
