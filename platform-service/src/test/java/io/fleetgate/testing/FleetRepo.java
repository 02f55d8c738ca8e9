package io.fleetgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real Git repository seeded from the example fleet in {@code clusters/}, for sync tests. */
public final class FleetRepo {

  private final Path dir;

  private FleetRepo(Path dir) {
    this.dir = dir;
  }

  /**
   * Copies the example fleet ({@code clusters/}) into {@code dir}, without Git; returns {@code
   * dir}.
   */
  public static Path copyExampleFleet(Path dir) {
    Path clusters = Path.of(System.getProperty("fleetgate.root", ".."), "clusters");
    if (!Files.isDirectory(clusters)) {
      clusters = Path.of("..", "clusters");
    }
    copy(clusters, dir);
    return dir;
  }

  /** Copies {@code clusters/} into {@code dir}, initialises branch main and commits it. */
  public static FleetRepo seed(Path dir) {
    return seed(dir, "main");
  }

  /**
   * Copies {@code clusters/} into {@code dir}, initialises {@code branch} (which HEAD then names)
   * and commits it.
   */
  public static FleetRepo seed(Path dir, String branch) {
    copyExampleFleet(dir);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call()) {
      FleetRepo repo = new FleetRepo(dir);
      repo.commit(git, "Seed the fleet from clusters/");
      return repo;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Writes a file (relative to the repository root). */
  public FleetRepo write(String relative, String content) {
    try {
      Path file = dir.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FleetRepo delete(String relative) {
    try {
      Files.delete(dir.resolve(relative));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String read(String relative) {
    try {
      return Files.readString(dir.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages everything (including deletions) and commits; returns the commit id. */
  public String commit(String message) {
    return commit(message, "Ana Operator", "ana@example.com");
  }

  /** Stages everything and commits as the given author; returns the commit id. */
  public String commit(String message, String authorName, String authorEmail) {
    try (Git git = Git.open(dir.toFile())) {
      return commit(git, message, new PersonIdent(authorName, authorEmail));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String commit(Git git, String message) {
    return commit(git, message, new PersonIdent("Ana Operator", "ana@example.com"));
  }

  private String commit(Git git, String message, PersonIdent author) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      return git.commit()
          .setMessage(message)
          .setAuthor(author)
          .setCommitter(author)
          .setSign(false)
          .call()
          .name();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
