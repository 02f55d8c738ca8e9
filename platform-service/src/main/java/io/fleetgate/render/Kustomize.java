package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization directory with the pinned {@code kustomize} binary: files only from
 * inside the directory ({@code --load-restrictor LoadRestrictionsRootOnly}), no remote bases, no
 * Helm charts, no plugins, and a time limit.
 */
public final class Kustomize {

  static final String FILE = "kustomization.yaml";

  /** The names kustomize reads a kustomization from, in its order of preference. */
  static final List<String> NAMES = List.of(FILE, "kustomization.yml", "Kustomization");

  /** The fields whose entries kustomize loads as paths or URLs. */
  private static final List<String> REMOTE_FIELDS =
      List.of(
          "resources",
          "bases",
          "components",
          "generators",
          "transformers",
          "validators",
          "crds",
          "configurations");

  private final Path binary;
  private final Duration deadline;

  /**
   * @param binary the kustomize executable; null when it is not installed
   */
  public Kustomize(Path binary) {
    this(binary, io.fleetgate.domain.Deadlines.DEFAULTS.kustomize());
  }

  /**
   * @param deadline how long one build may take; past it kustomize and every process it started are
   *     killed and the render fails
   */
  public Kustomize(Path binary, Duration deadline) {
    this.binary = binary;
    this.deadline = deadline;
  }

  static boolean isKustomization(Path dir) {
    return NAMES.stream().anyMatch(name -> Files.isRegularFile(dir.resolve(name)));
  }

  /**
   * The rendered YAML of the directory.
   *
   * @param kustomizations every kustomization file below it (relative path → file), the top one and
   *     nested ones alike: each is checked for remote bases and Helm charts before kustomize runs
   */
  String build(Path dir, String relativeDir, Map<String, Path> kustomizations, long maxBytes)
      throws ManifestException {
    SourceLocation at = SourceLocation.file(relativeDir + "/" + FILE);
    for (Map.Entry<String, Path> kustomization : kustomizations.entrySet()) {
      refuseRemote(kustomization.getValue(), SourceLocation.file(kustomization.getKey()));
    }
    if (binary == null) {
      throw new ManifestException(
          at, "is a kustomization, but kustomize is not installed; run bin/setup");
    }
    Process process = null;
    try {
      process =
          new ProcessBuilder(
                  binary.toString(),
                  "build",
                  "--load-restrictor",
                  "LoadRestrictionsRootOnly",
                  dir.toString())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      InputStream stdout = process.getInputStream();
      InputStream stderr = process.getErrorStream();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(stdout, maxBytes));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(stderr, 64 << 10));
      if (!process.waitFor(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
        killTree(process);
        throw new ManifestException(
            at,
            "kustomize build did not finish within its deadline of "
                + io.fleetgate.domain.Deadlines.display(deadline)
                + " and was stopped; look for a file it cannot finish reading, or raise"
                + " --kustomize-deadline");
      }
      byte[] yaml = out.join();
      if (process.exitValue() != 0) {
        String message =
            new String(err.join(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        throw new ManifestException(at, "kustomize build failed: " + message);
      }
      if (yaml.length > maxBytes) {
        throw new ManifestException(
            at, "kustomize build produced more than " + maxBytes / 1048576 + " MiB");
      }
      return new String(yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(at, "kustomize could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      // The reconcile was cut off at its deadline: kustomize goes with it.
      killTree(process);
      Thread.currentThread().interrupt();
      throw new ManifestException(at, "interrupted while running kustomize");
    }
  }

  /**
   * Kills the process and everything it started. Its descendants are listed before it is killed:
   * once it is gone they are no longer its descendants, and would be left running with its pipes
   * open.
   */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Killed with SIGKILL; the kernel reaps it whatever we wait for.
    }
  }

  /**
   * Remote bases would fetch code from the network at render time; refuse them up front, in every
   * kustomization kustomize would read.
   */
  private static void refuseRemote(Path file, SourceLocation at) throws ManifestException {
    Object loaded;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      loaded = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new ManifestException(at, "is not valid YAML: " + e.getMessage());
    }
    if (!(loaded instanceof Map<?, ?> kustomization)) {
      throw new ManifestException(at, "is not a kustomization (a YAML mapping)");
    }
    if (kustomization.containsKey("helmCharts")
        || kustomization.containsKey("helmChartInflationGenerator")) {
      throw new ManifestException(
          at,
          "inflates Helm charts, which Fleetgate does not run at render time; commit the rendered manifests");
    }
    for (String field : REMOTE_FIELDS) {
      if (kustomization.get(field) instanceof List<?> entries) {
        for (Object entry : entries) {
          String value = String.valueOf(entry).toLowerCase(Locale.ROOT);
          if (value.contains("://")
              || value.startsWith("github.com/")
              || value.startsWith("git@")
              || value.contains("?ref=")) {
            throw new ManifestException(
                at,
                "refers to the remote base '" + entry + "'; vendor it into the repository instead");
          }
        }
      }
    }
  }

  private static byte[] read(InputStream in, long max) {
    try (in) {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
