package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of a checked-out config repository, confined to it: a path with {@code ..} or a symlink
 * that leads outside the repository is refused, never followed.
 */
final class RepoFiles {

  private final Path root;
  private final Path realRoot;

  RepoFiles(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = this.root.toRealPath();
  }

  /**
   * Resolves a path written in {@code fleet.yaml} (relative to the repository root).
   *
   * @param declaredAt where the path was written, for the message
   */
  Path resolve(String relative, SourceLocation declaredAt) throws ManifestException {
    Path candidate = root.resolve(relative).normalize();
    if (relative.startsWith("/") || !candidate.startsWith(root)) {
      throw new ManifestException(
          declaredAt, "path '" + relative + "' leaves the repository; use a path inside it");
    }
    confine(candidate, declaredAt);
    return candidate;
  }

  /**
   * The manifest files (.yaml, .yml, .json) below a directory, sorted, each confined to the
   * repository. A file that escapes is reported and skipped.
   */
  List<Path> manifestsBelow(Path dir, List<RenderProblem> problems) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.sorted().toList()) {
        boolean link = Files.isSymbolicLink(file);
        if (!link && (!isManifest(file) || Files.isDirectory(file))) {
          continue;
        }
        try {
          confine(file, SourceLocation.file(relative(file)));
          if (isManifest(file) && !Files.isDirectory(file)) {
            files.add(file);
          }
        } catch (ManifestException e) {
          problems.add(e.problem());
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      problems.add(
          new RenderProblem(
              SourceLocation.file(relative(dir)), "cannot be listed: " + e.getMessage()));
    }
    return files;
  }

  /**
   * A file the repository root holds by name ({@code fleet.yaml}, {@code waivers.yaml}), confined:
   * a symlink leading outside the repository is refused.
   */
  Path rootFile(String name) throws ManifestException {
    Path file = root.resolve(name);
    confine(file, SourceLocation.file(name));
    return file;
  }

  /**
   * Everything kustomize may read below a kustomization directory, checked before it runs: no
   * symlink leaving the repository, no file over {@code maxFileBytes}, at most {@code maxFiles}
   * files and {@code maxTotalBytes} in all.
   *
   * @return every kustomization file in the tree, the top one first, for the remote-base check
   */
  List<Path> kustomizeInputs(Path dir, long maxFileBytes, long maxTotalBytes, int maxFiles)
      throws ManifestException {
    List<Path> kustomizations = new ArrayList<>();
    long total = 0;
    int count = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted().toList()) {
        SourceLocation at = SourceLocation.file(relative(path));
        if (Files.isSymbolicLink(path)) {
          confine(path, at);
        }
        if (!Files.isRegularFile(path)) {
          continue;
        }
        long size = Files.size(path);
        if (size > maxFileBytes) {
          throw new ManifestException(
              at,
              "is %s; files a kustomization reads may be at most %s. Split it, or keep large data out of the repository."
                  .formatted(ManifestParser.bytes(size), ManifestParser.bytes(maxFileBytes)));
        }
        total += size;
        if (++count > maxFiles || total > maxTotalBytes) {
          throw new ManifestException(
              SourceLocation.file(relative(dir)),
              "holds more than %d files or %s for kustomize to read; split the bundle"
                  .formatted(maxFiles, ManifestParser.bytes(maxTotalBytes)));
        }
        if (Kustomize.NAMES.contains(path.getFileName().toString())) {
          kustomizations.add(path);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ManifestException(
          SourceLocation.file(relative(dir)), "cannot be listed: " + e.getMessage());
    }
    return kustomizations;
  }

  /** The path relative to the repository root, with forward slashes. */
  String relative(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** Refuses a path whose real location (every symlink resolved) is outside the repository. */
  void confine(Path path, SourceLocation at) throws ManifestException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new ManifestException(
            at,
            "is a symlink to "
                + real
                + ", outside the repository; Fleetgate reads only files inside it: commit the"
                + " file itself instead of a link");
      }
    } catch (IOException e) {
      throw new ManifestException(
          at, "cannot be resolved (" + e.getMessage() + "); a dangling symlink?");
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
