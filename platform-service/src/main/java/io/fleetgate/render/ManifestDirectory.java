package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plain directory of manifests (no {@code fleet.yaml}), read with the renderer's strictness:
 * every {@code .yaml}, {@code .yml} and {@code .json} file below it, in sorted order, confined to
 * the directory (symlinks out of it are refused), each parsed within the manifest limits.
 */
public final class ManifestDirectory {

  private ManifestDirectory() {}

  /** One YAML document and where it starts, relative to the directory. */
  public record Document(Map<String, Object> content, SourceLocation location) {}

  /**
   * @param documents every document of every readable file
   * @param problems every file that could not be read, with file, line and fix
   */
  public record Read(List<Document> documents, List<RenderProblem> problems) {}

  public static Read read(Path dir, ManifestLimits limits) {
    List<RenderProblem> problems = new ArrayList<>();
    List<Document> documents = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      problems.add(
          new RenderProblem(
              SourceLocation.file(dir.toString()),
              "is not a directory; give a directory of manifests"));
      return new Read(documents, problems);
    }
    RepoFiles files;
    try {
      files = new RepoFiles(dir);
    } catch (IOException e) {
      problems.add(
          new RenderProblem(
              SourceLocation.file(dir.toString()), "cannot be read: " + e.getMessage()));
      return new Read(documents, problems);
    }
    ManifestParser parser = new ManifestParser(limits);
    for (Path file : files.manifestsBelow(dir, problems)) {
      try {
        for (Manifest manifest : parser.parse(file, files.relative(file))) {
          documents.add(new Document(manifest.object(), manifest.location()));
        }
      } catch (ManifestException e) {
        problems.add(e.problem());
      }
    }
    return new Read(documents, problems);
  }
}
