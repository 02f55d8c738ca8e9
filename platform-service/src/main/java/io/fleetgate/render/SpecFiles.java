package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.domain.SpecDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the YAML documents of a repository directory that hold specs rather than objects to apply
 * (the SLOs in {@code slos/}, the patch rollouts in {@code rollouts/}), with the same limits and
 * confinement as manifests and the line of every field, so that a spec reader can name the line of
 * the field it refuses.
 */
public final class SpecFiles {

  private final ManifestLimits limits;

  public SpecFiles(ManifestLimits limits) {
    this.limits = limits;
  }

  /** What a directory holds: its documents, file by file, and the files that could not be read. */
  public record Read(List<SpecDocument> documents, List<RenderProblem> problems) {}

  /**
   * Every document of the {@code .yaml}, {@code .yml} and {@code .json} files below {@code
   * directory} (relative to the repository root), sorted by path; nothing when it does not exist.
   */
  public Read below(Path repoRoot, String directory) {
    List<SpecDocument> documents = new ArrayList<>();
    List<RenderProblem> problems = new ArrayList<>();
    RepoFiles files;
    Path dir;
    try {
      files = new RepoFiles(repoRoot);
      dir = files.resolve(directory, SourceLocation.file(directory));
    } catch (IOException e) {
      problems.add(
          new RenderProblem(SourceLocation.file(directory), "cannot be read: " + e.getMessage()));
      return new Read(documents, problems);
    } catch (ManifestException e) {
      problems.add(e.problem());
      return new Read(documents, problems);
    }
    ManifestParser parser = new ManifestParser(limits);
    for (Path file : files.manifestsBelow(dir, problems)) {
      try {
        for (FieldLines located : parser.parseWithLines(file, files.relative(file))) {
          Manifest manifest = located.manifest();
          documents.add(new SpecDocument(manifest.object(), manifest.location(), located.lines()));
        }
      } catch (ManifestException e) {
        problems.add(e.problem());
      }
    }
    return new Read(documents, problems);
  }
}
