package io.fleetgate.argocd;

import java.util.regex.Pattern;

/** The names Argo CD objects may have: Kubernetes object names (RFC 1123 subdomains). */
public final class ObjectNames {

  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private ObjectNames() {}

  /**
   * The name itself when it is one; otherwise an exception saying what of {@code what} is wrong.
   */
  public static String require(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " has no name");
    }
    if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + ServerText.clean(name)
              + "' is not a Kubernetes object name: lower-case letters, digits, '-' and '.',"
              + " starting and ending with a letter or digit, at most 253 characters");
    }
    return name;
  }
}
