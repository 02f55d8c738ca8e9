package io.fleetgate.render;

import io.fleetgate.slo.SloCatalog;
import io.fleetgate.slo.SloProblem;
import io.fleetgate.slo.SloReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The SLOs a config repository declares in {@code slos/}, read like its manifests. */
public final class SloFiles {

  /** The directory of SLO specs, relative to the repository root. */
  public static final String DIRECTORY = "slos";

  private SloFiles() {}

  public static SloCatalog read(Path repoRoot, ManifestLimits limits) {
    SpecFiles.Read read = new SpecFiles(limits).below(repoRoot, DIRECTORY);
    SloCatalog catalog = SloReader.read(read.documents());
    if (read.problems().isEmpty()) {
      return catalog;
    }
    List<SloProblem> problems = new ArrayList<>();
    for (RenderProblem p : read.problems()) {
      problems.add(new SloProblem(p.location(), "", p.message()));
    }
    problems.addAll(catalog.problems());
    return new SloCatalog(catalog.slos(), problems);
  }
}
