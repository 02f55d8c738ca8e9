package io.fleetgate.policy.opa;

import io.fleetgate.domain.SourceLocation;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyCompileException;
import io.fleetgate.policy.PolicyCompiler;
import io.fleetgate.policy.RepoPolicies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code opa build --target wasm} over the built-in Rego and the repository's files, with the
 * same entrypoints and, when known, the same Wasm capabilities as the build of the built-in bundle.
 */
public final class OpaCompiler implements PolicyCompiler {

  private static final String BUILT_IN_DIR = "builtin";
  private static final String REPO_DIR = "repo";
  private static final Pattern ERROR =
      Pattern.compile(Pattern.quote(REPO_DIR + "/") + "(\\S+?\\.rego):(\\d+): ([^\\n]+)");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path opa;
  private final Path capabilities;

  /**
   * @param opa the opa binary
   * @param capabilities the Wasm capabilities file, or null to let opa use its own
   */
  public OpaCompiler(Path opa, Path capabilities) {
    this.opa = opa;
    this.capabilities = capabilities;
  }

  /**
   * What makes this compiler's output what it is, for {@link CompiledBundleCache}: the opa binary
   * (path, size, modification time; the tool cache keeps one directory per version) and the
   * capabilities file's content.
   */
  String identity() {
    StringBuilder identity = new StringBuilder(opa.toAbsolutePath().toString());
    try {
      identity.append(' ').append(Files.size(opa));
      identity.append(' ').append(Files.getLastModifiedTime(opa).toMillis());
      if (capabilities != null) {
        identity.append('\n').append(Files.readString(capabilities, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      identity.append(" unreadable ").append(System.nanoTime());
    }
    return identity.toString();
  }

  @Override
  public PolicyBundle compile(PolicyBundle builtIn, RepoPolicies custom)
      throws PolicyCompileException {
    Path work = null;
    try {
      work = Files.createTempDirectory("fleetgate-policies-");
      write(work.resolve(BUILT_IN_DIR), builtIn.regoSources());
      write(work.resolve(REPO_DIR), custom.sources());
      Path output = work.resolve("bundle.tar.gz");
      Path log = work.resolve("opa.log");
      Process process =
          new ProcessBuilder(command(output))
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failure("opa build did not finish within " + TIMEOUT_SECONDS + " s");
      }
      String said = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new PolicyCompileException(problems(said));
      }
      PolicyBundle bundle;
      try (InputStream in = Files.newInputStream(output)) {
        bundle = PolicyBundle.read(in);
      }
      return withAnnotations(bundle, output, work);
    } catch (IOException e) {
      throw failure("cannot run " + opa + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while compiling");
    } finally {
      delete(work);
    }
  }

  /**
   * Adds the policies' {@code # METADATA} ({@code opa inspect --annotations}) to the bundle as
   * {@code annotations.json}, so the fleet's own policies show their titles, controls, severity and
   * remediation like the built-in ones; without it they are reported bare.
   */
  private PolicyBundle withAnnotations(PolicyBundle bundle, Path output, Path work)
      throws IOException, InterruptedException {
    Path annotations = work.resolve("annotations.json");
    Process inspect =
        new ProcessBuilder(
                opa.toString(), "inspect", "--annotations", "--format", "json", output.toString())
            .redirectErrorStream(false)
            .redirectOutput(annotations.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!inspect.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || inspect.exitValue() != 0) {
      inspect.destroyForcibly();
      return bundle;
    }
    Map<String, byte[]> files = new java.util.LinkedHashMap<>(bundle.files());
    files.put(PolicyBundle.ANNOTATIONS, Files.readAllBytes(annotations));
    return new PolicyBundle(files);
  }

  private List<String> command(Path output) {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(opa.toString(), "build", "--target", "wasm"));
    if (capabilities != null) {
      command.addAll(List.of("--capabilities", capabilities.toString()));
    }
    command.addAll(
        List.of(
            "--entrypoint",
            "fleetgate/main/decision",
            "--entrypoint",
            "fleetgate/main/changeset",
            "--ignore",
            "*_test.rego",
            "--output",
            output.toString(),
            BUILT_IN_DIR,
            REPO_DIR));
    return command;
  }

  /** opa's messages, by the repository file and line they are about. */
  static List<PolicyCompileException.Problem> problems(String said) {
    List<PolicyCompileException.Problem> problems = new ArrayList<>();
    Matcher matcher = ERROR.matcher(said);
    while (matcher.find()) {
      problems.add(
          new PolicyCompileException.Problem(
              new SourceLocation(matcher.group(1), Integer.parseInt(matcher.group(2))),
              matcher.group(3).trim()));
    }
    if (problems.isEmpty()) {
      String text = said.strip().replace(BUILT_IN_DIR + "/", "built-in policy ");
      problems.add(
          new PolicyCompileException.Problem(
              SourceLocation.file(RepoPolicies.DIRECTORY + "/"),
              "opa build failed: " + (text.length() > 2000 ? text.substring(0, 2000) : text)));
    }
    return problems;
  }

  private static void write(Path dir, Map<String, String> sources) throws IOException {
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = dir.resolve(source.getKey()).normalize();
      if (!file.startsWith(dir)) {
        throw new IOException("the policy path " + source.getKey() + " leaves its directory");
      }
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static PolicyCompileException failure(String message) {
    return new PolicyCompileException(
        List.of(
            new PolicyCompileException.Problem(
                SourceLocation.file(RepoPolicies.DIRECTORY + "/"),
                "compiling the fleet's own policies failed: " + message)));
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
