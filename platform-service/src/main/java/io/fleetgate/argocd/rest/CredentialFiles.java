package io.fleetgate.argocd.rest;

import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads credential files. Errors name the file, the line and what to do, and never quote what the
 * file holds: a mistake in a token file must not print the token.
 */
final class CredentialFiles {

  /** Far more than a token or an account needs; a larger file is not a credential file. */
  static final int MAX_BYTES = 64 * 1024;

  /** A username and password from an account file; {@link #toString} hides the password. */
  record Account(String username, String password) {
    @Override
    public String toString() {
      return "Account[" + username + ", password redacted]";
    }
  }

  private CredentialFiles() {}

  /** The API token alone in the file (surrounding white space ignored). */
  static BearerToken token(Path file) {
    List<String> lines = lines(file);
    int line = 0;
    String token = null;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      if (token != null) {
        throw refused(file, "line " + (i + 1) + ": a token file holds the token alone on one line");
      }
      token = lines.get(i).strip();
      line = i + 1;
    }
    if (token == null) {
      throw refused(file, "holds no token; put the Argo CD API token alone in it");
    }
    if (!BearerToken.plausible(token)) {
      throw refused(
          file,
          "line "
              + line
              + ": this is not an Argo CD token ('argocd account generate-token' prints one)");
    }
    return new BearerToken(token);
  }

  /** The account's username (line 1) and password (line 2). */
  static Account account(Path file) {
    List<String> lines = lines(file);
    String username = lines.isEmpty() ? "" : lines.get(0).strip();
    if (username.isEmpty()) {
      throw refused(
          file,
          "line 1: no username; an account file holds the Argo CD username on"
              + " line 1 and its password on line 2");
    }
    if (!username.matches("[A-Za-z0-9._@-]{1,256}")) {
      throw refused(file, "line 1: this is not an Argo CD account name");
    }
    String password = lines.size() < 2 ? "" : lines.get(1);
    if (password.isEmpty()) {
      throw refused(
          file,
          "line 2: no password; an account file holds the Argo CD username on"
              + " line 1 and its password on line 2");
    }
    if (lines.stream().skip(2).anyMatch(l -> !l.isBlank())) {
      throw refused(file, "line 3: an account file holds two lines, the username and the password");
    }
    return new Account(username, password);
  }

  private static List<String> lines(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw refused(
          file,
          "cannot be read ("
              + e.getClass().getSimpleName()
              + "); check that it"
              + " exists and that Fleetgate may read it");
    }
    if (bytes.length > MAX_BYTES) {
      throw refused(file, "is larger than " + MAX_BYTES + " bytes, so it is not a credential file");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      return text.lines().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
    } catch (CharacterCodingException e) {
      throw refused(file, "is not UTF-8 text");
    }
  }

  private static ArgoCdException refused(Path file, String problem) {
    return new ArgoCdException(
        ArgoCdFailure.MISCONFIGURED,
        "read credentials",
        "The Argo CD credentials file " + file + " " + problem);
  }
}
