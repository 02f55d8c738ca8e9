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

  /** The path relative to the repository root, with forward slashes. */
  String relative(Path file) {
    return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  private void confine(Path path, SourceLocation at) throws ManifestException {
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
                + ", outside the repository; Fleetgate reads only files inside it");
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
