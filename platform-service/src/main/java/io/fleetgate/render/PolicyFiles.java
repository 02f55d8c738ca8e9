package io.fleetgate.render;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.RepoPolicies;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the fleet repository's own policies: every {@code .rego} file under {@code policies/}.
 * Symbolic links are refused (a policy must come from the repository), and so are oversized files.
 */
final class PolicyFiles {

  private static final long MAX_FILE = 1 << 20;
  private static final int MAX_FILES = 500;

  private PolicyFiles() {}

  static RepoPolicies read(Path root, List<RenderProblem> problems) {
    Path dir = root.resolve(RepoPolicies.DIRECTORY);
    if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return RepoPolicies.none();
    }
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".rego")).sorted().toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        SourceLocation at = SourceLocation.file(relative);
        if (Files.isSymbolicLink(file)) {
          problems.add(new RenderProblem(at, "is a symbolic link; policies must be plain files"));
        } else if (Files.size(file) > MAX_FILE) {
          problems.add(new RenderProblem(at, "is larger than 1 MiB"));
        } else if (sources.size() == MAX_FILES) {
          problems.add(
              new RenderProblem(at, "is one policy file too many (at most " + MAX_FILES + ")"));
          break;
        } else {
          sources.put(relative, decode(file, at, problems));
        }
      }
    } catch (IOException e) {
      problems.add(
          new RenderProblem(
              SourceLocation.file(RepoPolicies.DIRECTORY + "/"),
              "cannot be read: " + e.getMessage()));
    }
    return new RepoPolicies(sources);
  }

  private static String decode(Path file, SourceLocation at, List<RenderProblem> problems)
      throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      problems.add(new RenderProblem(at, "is not UTF-8 text"));
      return "";
    }
  }
}
