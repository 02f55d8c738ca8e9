package io.fleetgate.argocd;

/**
 * One Kubernetes object an application manages, as Argo CD names it.
 *
 * @param group the API group, empty for the core group
 * @param kind the kind
 * @param namespace the namespace, empty for a cluster-scoped object
 * @param name the name
 */
public record ResourceRef(String group, String kind, String namespace, String name) {

  public ResourceRef {
    group = ServerText.clean(group);
    kind = ServerText.clean(kind);
    namespace = ServerText.clean(namespace);
    name = ServerText.clean(name);
  }

  @Override
  public String toString() {
    String gk = group.isEmpty() ? kind : kind + "." + group;
    return gk + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
