package io.fleetgate.argocd.rest;

import java.util.regex.Pattern;

/**
 * A token Argo CD accepts (a JWT). It goes only into the Authorization header; its {@link
 * #toString} never shows it, so no log line, exception or report can carry it by accident.
 */
record BearerToken(String value) {

  /** A JWT's characters (base64url and the dots between its parts), with room for padding. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{1,16384}");

  /** Whether the text can be a token: the right characters, nothing that could break a header. */
  static boolean plausible(String value) {
    return value != null && TOKEN.matcher(value).matches();
  }

  String header() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
