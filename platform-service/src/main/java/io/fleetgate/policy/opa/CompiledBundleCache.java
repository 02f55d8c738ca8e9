package io.fleetgate.policy.opa;

import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyCompileException;
import io.fleetgate.policy.PolicyCompiler;
import io.fleetgate.policy.RepoPolicies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers bundles compiled from a fleet's own policies in a directory (under the data directory),
 * by a digest of everything the result depends on: the built-in Rego, the fleet's files, and the
 * compiler ({@link OpaCompiler#identity()}: the opa binary and its capabilities). The same policies
 * are then compiled once, not on every {@code fleetgate validate}.
 *
 * <p>Only successful compilations are kept (a failure is reported again, with opa's own words). A
 * cache entry that cannot be read is compiled again and replaced; one that cannot be written is
 * skipped. The directory keeps the {@value #KEPT} most recently written entries.
 */
public final class CompiledBundleCache implements PolicyCompiler {

  static final int KEPT = 16;
  private static final String FORMAT = "fleetgate-compiled-bundle-v1";
  private static final Logger log = LoggerFactory.getLogger(CompiledBundleCache.class);

  private final PolicyCompiler compiler;
  private final String compilerIdentity;
  private final Path dir;

  /**
   * @param compilerIdentity what distinguishes this compiler's output from another's
   */
  public CompiledBundleCache(PolicyCompiler compiler, String compilerIdentity, Path dir) {
    this.compiler = compiler;
    this.compilerIdentity = compilerIdentity;
    this.dir = dir;
  }

  @Override
  public PolicyBundle compile(PolicyBundle builtIn, RepoPolicies custom)
      throws PolicyCompileException {
    Path entry = dir.resolve(key(builtIn, custom) + ".zip");
    if (Files.isRegularFile(entry)) {
      try {
        return read(entry);
      } catch (IOException e) {
        log.warn(
            "The cached policy bundle {} cannot be read, compiling again: {}",
            entry,
            e.getMessage());
      }
    }
    PolicyBundle bundle = compiler.compile(builtIn, custom);
    try {
      write(entry, bundle);
      prune();
    } catch (IOException e) {
      log.warn("The compiled policy bundle cannot be cached in {}: {}", dir, e.getMessage());
    }
    return bundle;
  }

  private String key(PolicyBundle builtIn, RepoPolicies custom) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, FORMAT);
      update(sha, compilerIdentity);
      for (Map<String, String> sources : List.of(builtIn.regoSources(), custom.sources())) {
        update(sha, String.valueOf(sources.size()));
        for (Map.Entry<String, String> source : new java.util.TreeMap<>(sources).entrySet()) {
          update(sha, source.getKey());
          update(sha, source.getValue());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }

  private static PolicyBundle read(Path entry) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(entry);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry file; (file = zip.getNextEntry()) != null; ) {
        files.put(file.getName(), zip.readAllBytes());
      }
    }
    if (!files.containsKey("policy.wasm")) {
      throw new IOException("it holds no policy.wasm");
    }
    return new PolicyBundle(files);
  }

  /** Writes the entry to a temporary file first, so that a reader never sees half of one. */
  private void write(Path entry, PolicyBundle bundle) throws IOException {
    Files.createDirectories(dir);
    Path partial = Files.createTempFile(dir, "partial-", ".zip");
    try {
      try (OutputStream out = Files.newOutputStream(partial);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Map.Entry<String, byte[]> file : bundle.files().entrySet()) {
          zip.putNextEntry(new ZipEntry(file.getKey()));
          zip.write(file.getValue());
          zip.closeEntry();
        }
      }
      Files.move(
          partial, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private void prune() throws IOException {
    List<Path> entries;
    try (Stream<Path> files = Files.list(dir)) {
      entries =
          files
              .filter(f -> f.getFileName().toString().endsWith(".zip"))
              .filter(f -> !f.getFileName().toString().startsWith("partial-"))
              .sorted(Comparator.comparing(CompiledBundleCache::modified).reversed())
              .toList();
    }
    for (Path old : entries.subList(Math.min(KEPT, entries.size()), entries.size())) {
      Files.deleteIfExists(old);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
