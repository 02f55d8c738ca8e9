/**
 * What Fleetgate asks of an Argo CD server, in Fleetgate's own words: the {@link
 * io.fleetgate.argocd.ArgoCd} port, its values ({@link io.fleetgate.argocd.ArgoApplication}, {@link
 * io.fleetgate.argocd.ApplicationState}, …) and the closed vocabularies of Argo CD's documented
 * statuses, where an unknown word from a server reads as UNKNOWN and never fails.
 *
 * <p>Pure: no HTTP, no JSON, no generated types. The adapter is {@code argocd.rest}. Beside it:
 * {@code argocd.register} keeps every Cluster API cluster registered in Argo CD as a declarative
 * cluster Secret ({@code argocd.kube} writes them), {@code argocd.deploy} and {@code argocd.drive}
 * are the {@code argocd} sync driver.
 */
package io.fleetgate.argocd;
