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

  /** How long the output is waited for once kustomize has exited. */
  private static final Duration READ_GRACE = Duration.ofSeconds(2);

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path KILL =
      Files.isExecutable(Path.of("/usr/bin/kill"))
          ? Path.of("/usr/bin/kill")
          : Path.of("/bin/kill");

  /** Whether builds run in a process group of their own, killed as one. */
  private static final boolean GROUPS = Files.isExecutable(SETSID) && Files.isExecutable(KILL);

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
                  inOwnGroup(
                      List.of(
                          binary.toString(),
                          "build",
                          "--load-restrictor",
                          "LoadRestrictionsRootOnly",
                          dir.toString())))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      return awaitOutput(process, at, maxBytes);
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
   * Waits for the build and reads its output, each stream on a thread of its own (never a shared
   * pool that other work could starve). Output past {@code maxBytes} is refused as soon as it
   * passes the limit; a build past the deadline, or whose output stays open after it exits (a
   * process it started still holds the pipe), is killed with every process it started.
   */
  private String awaitOutput(Process process, SourceLocation at, long maxBytes)
      throws ManifestException, InterruptedException {
    long due = System.nanoTime() + deadline.toNanos();
    CompletableFuture<byte[]> out = reading(process.getInputStream(), maxBytes, "stdout");
    CompletableFuture<byte[]> err = reading(process.getErrorStream(), 64 << 10, "stderr");
    try {
      CompletableFuture.anyOf(process.onExit(), out).get(remaining(due), TimeUnit.NANOSECONDS);
      if (out.isDone() && out.join().length > maxBytes) {
        throw tooMuch(process, at, maxBytes);
      }
      if (!process.waitFor(remaining(due), TimeUnit.NANOSECONDS)) {
        throw new java.util.concurrent.TimeoutException();
      }
    } catch (java.util.concurrent.TimeoutException e) {
      killTree(process);
      throw new ManifestException(
          at,
          "kustomize build did not finish within its deadline of "
              + io.fleetgate.domain.Deadlines.display(deadline)
              + " and was stopped; look for a file it cannot finish reading, or raise"
              + " --kustomize-deadline");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("reading kustomize's output failed", e.getCause());
    }
    byte[] yaml;
    try {
      yaml = out.get(READ_GRACE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      killTree(process);
      throw new ManifestException(
          at,
          "kustomize exited, but a process it started kept its output open; every process it"
              + " started was killed");
    }
    if (yaml.length > maxBytes) {
      throw tooMuch(process, at, maxBytes);
    }
    if (process.exitValue() != 0) {
      String message =
          new String(errors(err), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      throw new ManifestException(at, "kustomize build failed: " + message);
    }
    return new String(yaml, StandardCharsets.UTF_8);
  }

  /** What kustomize wrote to stderr, or nothing when it is not in within the grace period. */
  private static byte[] errors(CompletableFuture<byte[]> err) throws InterruptedException {
    try {
      return err.get(READ_GRACE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return new byte[0];
    }
  }

  private static ManifestException tooMuch(Process process, SourceLocation at, long maxBytes) {
    killTree(process);
    return new ManifestException(
        at,
        "kustomize build produced more than "
            + (maxBytes >= 1 << 20 ? maxBytes / 1048576 + " MiB" : maxBytes / 1024 + " KiB")
            + ", the limit for one bundle; split the kustomization or render less into it");
  }

  private static long remaining(long due) {
    return Math.max(0, due - System.nanoTime());
  }

  /**
   * The command, started in a session and process group of its own when {@code setsid} is
   * installed, so that {@link #killTree} can kill the whole group at once: a process kustomize
   * started that forks, or leaves an orphan behind, is in the group all the same.
   */
  static List<String> inOwnGroup(List<String> command) {
    if (!GROUPS) {
      return command;
    }
    List<String> grouped = new java.util.ArrayList<>();
    grouped.add(SETSID.toString());
    grouped.addAll(command);
    return grouped;
  }

  /**
   * Kills the process and everything it started: its process group at once (when it was started in
   * one of its own, {@link #inOwnGroup}), then the process and the descendants it had, listed
   * before it is killed — once it is gone they are no longer its descendants. Without a group of
   * its own, an orphan it left behind is out of reach.
   */
  static void killTree(Process process) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    if (GROUPS) {
      killGroup(process.pid());
    }
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

  /** SIGKILL to every process of the group: one system call, so none can fork its way out. */
  private static void killGroup(long group) {
    try {
      Process kill =
          new ProcessBuilder(KILL.toString(), "-KILL", "--", "-" + group)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(5, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // The process itself is still killed by the caller; only an orphan may be left.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads up to {@code max + 1} bytes of the stream on a daemon thread of its own. */
  private static CompletableFuture<byte[]> reading(InputStream in, long max, String name) {
    CompletableFuture<byte[]> read = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("kustomize-" + name)
        .start(() -> read.complete(Kustomize.read(in, max)));
    return read;
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
