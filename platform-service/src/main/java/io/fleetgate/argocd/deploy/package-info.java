/**
 * What the Argo CD driver hands Argo CD: the rendered tree of the objects Fleetgate validated, one
 * canonical JSON file per object under its cluster and bundle, and the Application that syncs each
 * bundle of a cluster from it at a pinned commit (ADR 35). Pure: no Git, no HTTP.
 */
package io.fleetgate.argocd.deploy;
