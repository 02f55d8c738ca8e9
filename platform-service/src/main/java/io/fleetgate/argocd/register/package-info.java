/**
 * Cluster registration in Argo CD, as pure rules: from a discovery of the Cluster API clusters and
 * the cluster Secrets in Argo CD's namespace, the {@link
 * io.fleetgate.argocd.register.RegistrationPlan} (create, update, delete, unchanged, kept,
 * conflict); the ports it reads and writes through ({@link
 * io.fleetgate.argocd.register.ClusterSecrets}, {@link
 * io.fleetgate.argocd.register.ConnectionReader}); and the {@link
 * io.fleetgate.argocd.register.Registrar} that carries a plan out. No I/O here.
 */
package io.fleetgate.argocd.register;
