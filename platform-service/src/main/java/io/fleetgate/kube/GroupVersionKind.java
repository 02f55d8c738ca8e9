package io.fleetgate.kube;

/** A Kubernetes type: group ("" for the core group), version and kind. */
public record GroupVersionKind(String group, String version, String kind) {

  /** Splits an object's {@code apiVersion} ("v1" or "apps/v1") and pairs it with its kind. */
  public static GroupVersionKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(
            apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  /** {@code apps/v1} or {@code v1}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return apiVersion() + " " + kind;
  }
}
