package io.fleetgate.kube;

import io.kubernetes.client.Discovery;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps {@code apiVersion} + {@code kind} to the REST resource that serves it, by asking the API
 * server (discovery). The answer is cached; a miss triggers one fresh discovery, so kinds from CRDs
 * installed a moment ago are found.
 */
public final class ResourceMapper {

  private final ApiClient client;
  private final Map<GroupVersionKind, ResourceType> cache = new ConcurrentHashMap<>();

  public ResourceMapper(ApiClient client) {
    this.client = client;
  }

  /**
   * Returns the resource serving the kind.
   *
   * @throws KubeException when the API server does not serve it (e.g. its CRD is missing)
   */
  public ResourceType resourceFor(GroupVersionKind gvk) {
    return lookup(gvk)
        .orElseGet(
            () -> {
              refresh();
              return lookup(gvk)
                  .orElseThrow(
                      () ->
                          new KubeException(
                              "The API server does not serve "
                                  + gvk
                                  + ". Is its CustomResourceDefinition installed?"));
            });
  }

  /**
   * The resource serving the kind, or empty when the API server does not serve it (asked afresh
   * when not known).
   *
   * @throws KubeException when discovery itself fails
   */
  public Optional<ResourceType> find(GroupVersionKind gvk) {
    Optional<ResourceType> known = lookup(gvk);
    if (known.isPresent()) {
      return known;
    }
    refresh();
    return lookup(gvk);
  }

  private Optional<ResourceType> lookup(GroupVersionKind gvk) {
    if (cache.isEmpty()) {
      refresh();
    }
    return Optional.ofNullable(cache.get(gvk));
  }

  private synchronized void refresh() {
    try {
      for (Discovery.APIResource resource : new Discovery(client).findAll()) {
        for (String version : resource.getVersions()) {
          GroupVersionKind gvk =
              new GroupVersionKind(resource.getGroup(), version, resource.getKind());
          cache.put(
              gvk,
              new ResourceType(
                  gvk,
                  resource.getResourcePlural(),
                  Boolean.TRUE.equals(resource.getNamespaced())));
        }
      }
    } catch (ApiException e) {
      throw new KubeException(
          "Discovery failed against " + client.getBasePath() + ": " + e.getMessage(),
          e.getCode(),
          e);
    }
  }
}
