package io.fleetgate.terraform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A copy of the repository's {@code terraform/} (and the {@code clusters/} its tests compare with)
 * in a scratch directory, so that {@code tofu init}, plans and state never land in the working
 * tree.
 */
final class TerraformTree {

  private TerraformTree() {}

  /** The repository root, as the build runs the tests from a module directory. */
  static Path repositoryRoot() {
    Path root = Path.of(System.getProperty("fleetgate.root", "..")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("terraform/modules"))) {
      throw new IllegalStateException(
          "No terraform/modules under " + root + "; set -Dfleetgate.root to the repository root");
    }
    return root;
  }

  /**
   * Copies {@code terraform/} and {@code clusters/} into {@code scratch}; returns its terraform.
   */
  static Path copyInto(Path scratch) throws IOException {
    Path root = repositoryRoot();
    for (String dir : new String[] {"terraform", "clusters"}) {
      Path from = root.resolve(dir);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
          Path relative = from.relativize(file);
          if (relative.toString().contains(".terraform")
              || relative.toString().endsWith(".tfstate")) {
            continue;
          }
          Path to = scratch.resolve(dir).resolve(relative.toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(to);
          } else {
            Files.copy(file, to);
          }
        }
      }
    }
    return scratch.resolve("terraform");
  }
}
