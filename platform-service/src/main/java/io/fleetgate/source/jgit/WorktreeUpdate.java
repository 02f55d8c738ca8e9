package io.fleetgate.source.jgit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.SystemReader;

/**
 * Makes a hard reset of the working copy cheap on file systems that flush a file replaced by a
 * rename (ext4's {@code auto_da_alloc}, the default): before the reset, the regular files that
 * differ between the checked-out commit and the new tip are unlinked, so the reset creates them
 * anew instead of replacing them. On ext4 that costs about a fifth of a replacement.
 *
 * <p>Only what the reset rewrites anyway is removed, and the reset that follows restores every path
 * of the new tip whatever was removed. While the working tree is changed a marker stands in the
 * repository ({@link #begin}, {@link #end}); a process stopped in between leaves it, and the next
 * fetch resets the tree to its HEAD before anything reads it ({@link #interrupted}).
 *
 * <p>Nothing but files the index says were checked out is touched: a path is unlinked only when the
 * index holds it as a regular or executable file (never {@code .git/…}, which no checkout writes,
 * whatever a hostile tree holds), it is a regular file in the working tree, and every directory
 * above it, up to the working tree, is a directory and not a symbolic link (a repository whose
 * older commit made {@code bundles} a link to {@code /etc} does not make this delete {@code
 * /etc/…}).
 */
final class WorktreeUpdate {

  private WorktreeUpdate() {}

  /** Unlinks the regular files of the working tree that the tip changes or removes. */
  static void clearChanged(Repository repository, ObjectId tip) throws IOException {
    ObjectId head = repository.resolve(Constants.HEAD);
    if (head == null || head.equals(tip)) {
      return;
    }
    Path root = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    DirCache index = repository.readDirCache();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(head).getTree());
      tree.addTree(walk.parseCommit(tip).getTree());
      tree.setRecursive(true);
      tree.setFilter(TreeFilter.ANY_DIFF);
      while (tree.next()) {
        String path = tree.getPathString();
        if (!checkedOutFile(index, path)) {
          continue;
        }
        Path file = root.resolve(path).normalize();
        if (file.startsWith(root) && insideWithoutLinks(root, file)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The index holds the path as a file a checkout wrote. */
  private static boolean checkedOutFile(DirCache index, String path) {
    try {
      SystemReader.getInstance().checkPath(path);
    } catch (CorruptObjectException e) {
      return false;
    }
    DirCacheEntry entry = index.getEntry(path);
    return entry != null
        && (entry.getFileMode() == FileMode.REGULAR_FILE
            || entry.getFileMode() == FileMode.EXECUTABLE_FILE);
  }

  /** Marks the working tree as being changed. */
  static void begin(Repository repository) throws IOException {
    Path marker = marker(repository);
    if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
      Files.createFile(marker);
    }
  }

  /** The working tree is as its HEAD says again. */
  static void end(Repository repository) throws IOException {
    Files.deleteIfExists(marker(repository));
  }

  /** Whether a change of the working tree was begun and never ended. */
  static boolean interrupted(Repository repository) {
    return Files.exists(marker(repository), LinkOption.NOFOLLOW_LINKS);
  }

  private static Path marker(Repository repository) {
    return repository.getDirectory().toPath().resolve("fleetgate-checkout-in-progress");
  }

  /** The file is a regular file and no directory between it and the root is a link. */
  private static boolean insideWithoutLinks(Path root, Path file) throws IOException {
    if (!isA(file, false)) {
      return false;
    }
    for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      if (!isA(dir, true)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isA(Path path, boolean directory) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    BasicFileAttributes attributes =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return directory ? attributes.isDirectory() : attributes.isRegularFile();
  }
}
