package io.fleetgate.domain;

import java.util.Objects;

/**
 * The text of a kubeconfig file, kept apart from strings so it is never printed by accident.
 *
 * @param source where it came from, for error messages (a file path or {@code Secret ns/name})
 * @param content the YAML text; it carries credentials
 */
public record Kubeconfig(String source, String content) {

  public Kubeconfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(content, "content");
  }

  /** Never shows the credentials. */
  @Override
  public String toString() {
    return "Kubeconfig[" + source + ", " + content.length() + " chars redacted]";
  }
}
