package io.fleetgate.domain;

import java.util.Objects;

/**
 * Identifies one Kubernetes object in one cluster: API group, kind, namespace and name. The version
 * is not part of the identity: {@code apps/v1} and {@code apps/v1beta1} Deployments of the same
 * name are the same object.
 *
 * @param group the API group, "" for the core group
 * @param namespace the namespace, "" for cluster-scoped objects
 */
public record ObjectRef(String group, String kind, String namespace, String name) {

  public ObjectRef {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** The group of an {@code apiVersion} such as {@code apps/v1} ("" for {@code v1}). */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** {@code Deployment payments/payment-gateway}, or {@code Namespace payments}. */
  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
