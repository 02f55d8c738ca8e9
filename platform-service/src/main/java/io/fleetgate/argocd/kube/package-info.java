/**
 * The cluster registration's adapters on the management cluster, through {@code kube}: the Argo CD
 * cluster Secrets listed, server-side applied as {@code fleetgate-argocd} and deleted under
 * preconditions ({@link io.fleetgate.argocd.kube.KubeClusterSecrets}); kubeconfigs turned into
 * inline credentials under the strict kubeconfig policy ({@link
 * io.fleetgate.argocd.kube.KubeConnectionReader}).
 */
package io.fleetgate.argocd.kube;
