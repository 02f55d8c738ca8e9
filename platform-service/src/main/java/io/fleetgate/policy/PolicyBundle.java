package io.fleetgate.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * An OPA bundle ({@code bundle.tar.gz} from {@code opa build -t wasm}): its files by path, e.g.
 * {@code policy.wasm}, {@code data.json} and the Rego sources.
 */
public record PolicyBundle(Map<String, byte[]> files) {

  /** The Wasm bundle Fleetgate's build compiles from {@code policies/}, on the class path. */
  public static final String BUILT_IN = "/io/fleetgate/policies/bundle.tar.gz";

  /**
   * The same policies as a plain Rego bundle (a Wasm bundle's Rego is rewritten by the compiler).
   */
  public static final String BUILT_IN_REGO = "/io/fleetgate/policies/rego-bundle.tar.gz";

  /** Where a compiled bundle keeps its policies' annotations, when it has them. */
  public static final String ANNOTATIONS = "annotations.json";

  private static final int BLOCK = 512;
  private static final long MAX_ENTRY = 64L << 20;

  /** Reads the built-in Wasm bundle. */
  public static PolicyBundle builtIn() throws PolicyException {
    return fromClassPath(BUILT_IN);
  }

  /** Reads the built-in Rego bundle, for an OPA server. */
  public static PolicyBundle builtInRego() throws PolicyException {
    return fromClassPath(BUILT_IN_REGO);
  }

  private static PolicyBundle fromClassPath(String resource) throws PolicyException {
    try (InputStream in = PolicyBundle.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new PolicyException(
            "The policy bundle "
                + resource
                + " is not on the class path; build the policies module (bin/build)");
      }
      return read(in);
    } catch (IOException e) {
      throw new PolicyException(
          "Cannot read the policy bundle " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Reads a gzip-compressed tar archive. */
  public static PolicyBundle read(InputStream gzip) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream tar = new GZIPInputStream(gzip)) {
      byte[] header = new byte[BLOCK];
      while (tar.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
        String name = text(header, 0, 100);
        long size =
            Long.parseLong(
                text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
        if (size > MAX_ENTRY) {
          throw new IOException("bundle entry " + name + " is larger than 64 MiB");
        }
        byte type = header[156];
        byte[] content = tar.readNBytes((int) size);
        tar.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        if (type == '0' || type == 0) {
          files.put(name.startsWith("/") ? name.substring(1) : name, content);
        }
      }
    }
    return new PolicyBundle(files);
  }

  public byte[] policyWasm() throws PolicyException {
    return require("policy.wasm");
  }

  /** The bundle's data document ({@code {}} when it has none). */
  public String dataJson() {
    byte[] data = files.get("data.json");
    return data == null ? "{}" : new String(data, StandardCharsets.UTF_8);
  }

  /** The Rego sources by path, for engines that evaluate Rego rather than Wasm. */
  public Map<String, String> regoSources() {
    Map<String, String> sources = new LinkedHashMap<>();
    files.forEach(
        (path, content) -> {
          if (path.endsWith(".rego")) {
            sources.put(path, new String(content, StandardCharsets.UTF_8));
          }
        });
    return sources;
  }

  private byte[] require(String path) throws PolicyException {
    byte[] content = files.get(path);
    if (content == null) {
      throw new PolicyException(
          "The policy bundle has no " + path + "; build it with 'opa build -t wasm'");
    }
    return content;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
