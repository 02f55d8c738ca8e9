package io.fleetgate.netpol;

import java.util.Set;

/**
 * Which namespaces are protected (the cardholder-data environment) and who may reach them: other
 * protected namespaces, the namespace itself, and the allow-listed namespaces. Addresses outside
 * the cluster never are.
 *
 * @param labelKey the label marking a protected namespace
 * @param labelValue its value
 * @param allowedSources namespaces that may reach protected ones
 */
public record ProtectedNamespaces(String labelKey, String labelValue, Set<String> allowedSources) {

  public static final String DEFAULT_LABEL = "fleetgate.io/cde";

  public ProtectedNamespaces {
    allowedSources = Set.copyOf(allowedSources);
  }

  /** {@code fleetgate.io/cde: "true"}, reachable from {@code ingress} (the policies' default). */
  public static ProtectedNamespaces defaults() {
    return new ProtectedNamespaces(DEFAULT_LABEL, "true", Set.of("ingress"));
  }

  public boolean isProtected(Namespace namespace) {
    return labelValue.equals(namespace.labels().get(labelKey));
  }

  /**
   * Whether a connection from the source into the protected namespace is outside the allow-list.
   */
  boolean outsideAllowList(
      Endpoint src, String protectedNamespace, java.util.function.Predicate<String> protectedName) {
    return switch (src) {
      case Endpoint.Addresses a -> true;
      case Endpoint.Pods p ->
          !p.namespace().equals(protectedNamespace)
              && !allowedSources.contains(p.namespace())
              && !protectedName.test(p.namespace());
    };
  }
}
