package io.fleetgate.argocd;

/**
 * One change to an application, from Argo CD's watch stream.
 *
 * @param type what happened
 * @param application the application as declared after the change
 * @param state what Argo CD observed of it
 */
public record ApplicationChange(
    ChangeType type, ArgoApplication application, ApplicationState state) {}
