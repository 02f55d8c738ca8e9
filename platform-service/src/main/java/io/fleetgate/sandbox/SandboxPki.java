package io.fleetgate.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The credentials of a sandbox fleet, made once per state directory and reused on every start so
 * that kubeconfigs stay valid: the service-account signing key pair and an admin bearer token (in
 * kube-apiserver's static token file, member of {@code system:masters}).
 */
final class SandboxPki {

  static final String ADMIN_USER = "fleetgate-admin";

  private final Path dir;

  SandboxPki(Path dir) {
    this.dir = dir;
  }

  Path serviceAccountKey() {
    return dir.resolve("sa.key");
  }

  Path serviceAccountPublicKey() {
    return dir.resolve("sa.pub");
  }

  Path tokenFile() {
    return dir.resolve("tokens.csv");
  }

  /** Creates what is missing; keeps what exists. Files are readable by the owner only. */
  void ensure() {
    try {
      Files.createDirectories(dir);
      if (!Files.isRegularFile(serviceAccountKey())
          || !Files.isRegularFile(serviceAccountPublicKey())) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        PrivateFiles.write(serviceAccountKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        PrivateFiles.write(
            serviceAccountPublicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      }
      if (!Files.isRegularFile(tokenFile())) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        PrivateFiles.write(
            tokenFile(), token + "," + ADMIN_USER + "," + ADMIN_USER + ",\"system:masters\"\n");
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new SandboxException(
          "Cannot create the sandbox credentials in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The admin bearer token. */
  String adminToken() {
    try {
      String line = Files.readString(tokenFile()).strip();
      return line.substring(0, line.indexOf(','));
    } catch (IOException | StringIndexOutOfBoundsException e) {
      throw new SandboxException(
          "Cannot read " + tokenFile() + ". Run 'fleetgate sandbox down --purge' and start again.",
          e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
