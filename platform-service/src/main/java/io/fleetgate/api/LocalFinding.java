package io.fleetgate.api;

import java.util.List;

/**
 * What checking a working copy found at one place: a policy finding, or a problem that keeps the
 * repository from rendering.
 *
 * @param path the file, relative to the repository root
 * @param line 1-based; 0 when the whole file is meant
 * @param level deny, warn, waived, or invalid (the file does not render)
 * @param clusters the clusters the finding applies to (empty for problems)
 */
public record LocalFinding(
    String path,
    int line,
    String object,
    String policy,
    String level,
    String severity,
    List<String> controls,
    String message,
    String remediation,
    List<String> clusters) {

  public LocalFinding {
    controls = List.copyOf(controls);
    clusters = List.copyOf(clusters);
  }

  /** "file:line", as editors and CI show it. */
  public String location() {
    return line > 0 ? path + ":" + line : path;
  }
}
