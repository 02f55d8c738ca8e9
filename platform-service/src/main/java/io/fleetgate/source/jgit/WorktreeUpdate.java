package io.fleetgate.source.jgit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Makes a hard reset of the working copy cheap on file systems that flush a file replaced by a
 * rename (ext4's {@code auto_da_alloc}, the default): before the reset, the regular files that
 * differ between the checked-out commit and the new tip are unlinked, so the reset creates them
 * anew instead of replacing them. On ext4 that costs about a fifth of a replacement.
 *
 * <p>Only what the reset rewrites anyway is removed, and the reset that follows restores every path
 * of the new tip whatever was removed, so a process stopped in between leaves nothing the next
 * fetch does not repair. Nothing outside the working tree is touched: a path is unlinked only when
 * it is a regular file and every directory above it, up to the working tree, is a directory and not
 * a symbolic link (a repository whose older commit made {@code bundles} a link to {@code /etc} does
 * not make this delete {@code /etc/…}).
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
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(head).getTree());
      tree.addTree(walk.parseCommit(tip).getTree());
      tree.setRecursive(true);
      tree.setFilter(TreeFilter.ANY_DIFF);
      while (tree.next()) {
        Path file = root.resolve(tree.getPathString()).normalize();
        if (file.startsWith(root) && insideWithoutLinks(root, file)) {
          Files.deleteIfExists(file);
        }
      }
    }
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
