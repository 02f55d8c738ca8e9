package io.fleetgate.source.jgit;

import io.fleetgate.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the files of one revision of a local repository into an empty directory, without touching
 * the repository's working tree. Only regular files are written: symlinks and submodules are left
 * out, so nothing written can point outside the directory; the whole export is bounded in size.
 */
public final class RevisionTree {

  /** Far above any fleet repository, far below a disk. */
  static final long MAX_BYTES = 256L << 20;

  private RevisionTree() {}

  /**
   * The commit a revision names, without writing anything.
   *
   * @return empty when the repository has no such revision
   * @throws SourceException when the repository cannot be read
   */
  public static java.util.Optional<String> resolve(Path repo, String revision)
      throws SourceException {
    try (Repository repository =
        new FileRepositoryBuilder().setMustExist(true).findGitDir(repo.toFile()).build()) {
      ObjectId id = repository.resolve(revision + "^{commit}");
      return java.util.Optional.ofNullable(id).map(ObjectId::getName);
    } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
      throw new SourceException(repo + " is not a Git repository; give a working copy", e);
    } catch (org.eclipse.jgit.errors.AmbiguousObjectException
        | org.eclipse.jgit.errors.IncorrectObjectTypeException
        | org.eclipse.jgit.errors.MissingObjectException
        | IllegalArgumentException e) {
      return java.util.Optional.empty();
    } catch (IOException e) {
      throw new SourceException(
          "Cannot read revision '" + revision + "' of " + repo + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param revision anything {@code git rev-parse} understands: a branch, a tag, a commit id,
   *     {@code HEAD~1}
   * @param into an empty directory
   * @return the commit id the revision names
   * @throws SourceException when the repository or the revision cannot be read; the message names
   *     them and what to do
   */
  public static String export(Path repo, String revision, Path into) throws SourceException {
    try (Repository repository =
        new FileRepositoryBuilder().setMustExist(true).findGitDir(repo.toFile()).build()) {
      ObjectId id = repository.resolve(revision + "^{commit}");
      if (id == null) {
        throw new SourceException(
            "Revision '"
                + revision
                + "' does not exist in "
                + repo
                + "; give a branch, tag or commit",
            null);
      }
      try (RevWalk walk = new RevWalk(repository);
          TreeWalk tree = new TreeWalk(repository)) {
        RevCommit commit = walk.parseCommit(id);
        tree.addTree(commit.getTree());
        tree.setRecursive(true);
        long written = 0;
        Path root = into.toAbsolutePath().normalize();
        while (tree.next()) {
          if (tree.getFileMode(0) != FileMode.REGULAR_FILE
              && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
            continue;
          }
          Path target = root.resolve(tree.getPathString()).normalize();
          if (!target.startsWith(root)) {
            throw new SourceException(
                "Revision "
                    + revision
                    + " holds a path leaving the repository: "
                    + tree.getPathString(),
                null);
          }
          ObjectLoader blob = repository.open(tree.getObjectId(0));
          written += blob.getSize();
          if (written > MAX_BYTES) {
            throw new SourceException(
                "Revision "
                    + revision
                    + " holds more than "
                    + (MAX_BYTES >> 20)
                    + " MiB of files; "
                    + "keep large data out of the fleet repository",
                null);
          }
          Files.createDirectories(target.getParent());
          try (InputStream in = blob.openStream();
              OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
          }
        }
        return commit.getName();
      }
    } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
      throw new SourceException(repo + " is not a Git repository; give a working copy", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new SourceException(
          "Cannot read revision '" + revision + "' of " + repo + ": " + e.getMessage(), e);
    }
  }
}
