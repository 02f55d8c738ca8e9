/**
 * What Fleetgate asks of an Argo CD server, in Fleetgate's own words: the {@link
 * io.fleetgate.argocd.ArgoCd} port, its values ({@link io.fleetgate.argocd.ArgoApplication}, {@link
 * io.fleetgate.argocd.ApplicationState}, …) and the closed vocabularies of Argo CD's documented
 * statuses, where an unknown word from a server reads as UNKNOWN and never fails.
 *
 * <p>Pure: no HTTP, no JSON, no generated types. The adapter is {@code argocd.rest}.
 */
package io.fleetgate.argocd;
