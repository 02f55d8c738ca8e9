package io.fleetgate.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The tool cache: {@code FLEETGATE_TOOLS} (default {@code ~/.cache/fleetgate/tools}) with its
 * {@code tools.env}, which maps {@code FLEETGATE_<NAME>} to each tool's path.
 */
public final class ToolCache {

  private final Path dir;
  private final Map<String, String> entries;

  private ToolCache(Path dir, Map<String, String> entries) {
    this.dir = dir;
    this.entries = entries;
  }

  /** The cache the environment points at. */
  public static ToolCache locate() {
    String configured = System.getenv("FLEETGATE_TOOLS");
    return at(
        configured == null || configured.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cache", "fleetgate", "tools")
            : Path.of(configured));
  }

  /**
   * The cache in a directory.
   *
   * @throws ToolException when it has no {@code tools.env}
   */
  public static ToolCache at(Path dir) {
    Path manifest = dir.resolve("tools.env");
    if (!Files.isRegularFile(manifest)) {
      throw new ToolException(
          "No tool cache at " + dir + " (tools.env is missing). Run bin/setup.");
    }
    Map<String, String> entries = new HashMap<>();
    read(manifest, entries);
    // One file per key, for the keys tools.env lacks: the cache is shared by checkouts whose
    // bin/setup may know fewer tools and rewrites tools.env without the others' lines.
    Path more = dir.resolve("tools.d");
    if (Files.isDirectory(more)) {
      try (var files = Files.list(more)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".env")).sorted().toList()) {
          Map<String, String> one = new HashMap<>();
          read(file, one);
          one.forEach(entries::putIfAbsent);
        }
      } catch (IOException e) {
        throw new ToolException("Cannot read " + more + ": " + e.getMessage(), e);
      }
    }
    return new ToolCache(dir, entries);
  }

  private static void read(Path file, Map<String, String> entries) {
    try {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          entries.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new ToolException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The path of an executable tool, e.g. {@code executable("kube-apiserver")}.
   *
   * @throws ToolException when it is not listed, missing or empty
   */
  public Path executable(String name) {
    Path path = path(name);
    try {
      if (!Files.isExecutable(path) || Files.size(path) == 0) {
        throw new ToolException(
            name + " is missing or empty at " + path + ". Run bin/setup to build it.");
      }
    } catch (IOException e) {
      throw new ToolException(name + " is missing at " + path + ". Run bin/setup to build it.", e);
    }
    return path;
  }

  /** The path listed for a tool or data directory, unchecked. */
  public Path path(String name) {
    String key = "FLEETGATE_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    String value = entries.get(key);
    if (value == null || value.isBlank()) {
      throw new ToolException(
          dir.resolve("tools.env") + " has no " + key + ". Run bin/setup to rewrite it.");
    }
    return Path.of(value);
  }

  /** A plain value from {@code tools.env}, or the fallback. */
  public String value(String key, String fallback) {
    return entries.getOrDefault(key, fallback);
  }
}
