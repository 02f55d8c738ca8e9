package io.fleetgate.netpol;

import java.util.HashMap;
import java.util.Map;

/**
 * A namespace and its labels, always including {@code kubernetes.io/metadata.name} as the API
 * server sets it.
 */
public record Namespace(String name, Map<String, String> labels) {

  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  public Namespace {
    Map<String, String> all = new HashMap<>(labels);
    all.put(NAME_LABEL, name);
    labels = Map.copyOf(all);
  }

  /** A namespace declared by no manifest: only its name label. */
  public static Namespace implicit(String name) {
    return new Namespace(name, Map.of());
  }
}
