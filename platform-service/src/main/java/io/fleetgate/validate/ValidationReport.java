package io.fleetgate.validate;

import io.fleetgate.render.RenderProblem;
import java.util.List;

/**
 * The outcome of validating a working copy.
 *
 * @param clusters the clusters validated (from the repository's {@code <cluster>/cluster.yaml})
 * @param objects how many rendered objects were evaluated, over all clusters
 * @param problems render problems: bad input, reported with file and line
 * @param findings policy findings, one per object and message, across clusters
 */
public record ValidationReport(
    List<String> clusters,
    int objects,
    List<RenderProblem> problems,
    List<ValidationFinding> findings) {

  public ValidationReport {
    clusters = List.copyOf(clusters);
    problems = List.copyOf(problems);
    findings = List.copyOf(findings);
  }

  public long denials() {
    return count("deny");
  }

  /** Findings of one level: deny, waived or warn. */
  public long count(String level) {
    return findings.stream().filter(f -> f.level().equals(level)).count();
  }

  /** 0 clean (warnings allowed), 1 denials, 2 bad input. */
  public int exitCode() {
    return !problems.isEmpty() ? 2 : denials() > 0 ? 1 : 0;
  }
}
