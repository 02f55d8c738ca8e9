package io.fleetgate.policy.wasm;

import com.dylibso.chicory.runtime.CompiledModule;
import io.fleetgate.policies.wasm.BuiltInPolicyModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The built-in bundle's {@code policy.wasm} as the policies module compiled it to Java bytecode at
 * build time ({@code io.fleetgate.policies.wasm.BuiltInPolicyModule}), beside the SHA-256 of the
 * module it was compiled from. The compiled form stands in only for that exact module.
 */
final class BuiltInModule {

  static final String DIGEST = "/io/fleetgate/policies/policy.wasm.sha256";

  private BuiltInModule() {}

  /** The compiled module, when {@code wasm} is the module it was compiled from. */
  static Optional<CompiledModule> compiledFor(byte[] wasm) {
    String expected = expectedDigest();
    if (expected == null || !expected.equals(sha256(wasm))) {
      return Optional.empty();
    }
    return Optional.of(new BuiltInPolicyModule());
  }

  private static String expectedDigest() {
    try (InputStream in = BuiltInModule.class.getResourceAsStream(DIGEST)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return null;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
