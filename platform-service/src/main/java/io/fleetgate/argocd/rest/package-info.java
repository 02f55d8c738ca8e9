/**
 * Talks to an Argo CD API server over its REST API: {@link io.fleetgate.argocd.rest.RestArgoCd}
 * implements the {@code argocd} port over the client generated at build time from Argo CD's own API
 * document ({@code io.fleetgate.argocd.rest.gen}, which no other package may see), and {@link
 * io.fleetgate.argocd.rest.ApplicationStreamReader} reads the watch stream the generator cannot.
 *
 * <p>Every call is held to a connect timeout and a whole-call deadline, reads at most a bounded
 * answer, sends its token only in the Authorization header and only over https or to loopback, and
 * turns Argo CD's errors into {@link io.fleetgate.argocd.ArgoCdException}s naming the operation.
 * See ADR 36.
 */
package io.fleetgate.argocd.rest;
