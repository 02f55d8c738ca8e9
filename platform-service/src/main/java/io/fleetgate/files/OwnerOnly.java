package io.fleetgate.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates, or tightens, directories as {@code rwx------} and files as {@code rw-------}. A file
 * system without POSIX permissions is left as it is.
 */
public final class OwnerOnly {

  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /**
   * The directory, created (with its missing parents, each owner-only) or tightened to 0700.
   *
   * @throws UncheckedIOException naming the directory when it cannot be created or changed
   */
  public static Path directory(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        tighten(dir, DIRECTORY);
      } else if (posix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } else {
        Files.createDirectories(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot make " + dir + " a private directory (mode 0700): " + e.getMessage(), e);
    }
  }

  /**
   * The file, created empty as 0600 when missing (in an owner-only directory) or tightened to 0600.
   *
   * @throws UncheckedIOException naming the file when it cannot be created or changed
   */
  public static Path file(Path file) {
    try {
      if (file.getParent() != null) {
        directory(file.getParent());
      }
      if (Files.exists(file)) {
        tighten(file, FILE);
      } else {
        try {
          Files.createFile(file, attributes(file, FILE));
        } catch (FileAlreadyExistsException raced) {
          tighten(file, FILE);
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot make " + file + " a private file (mode 0600): " + e.getMessage(), e);
    }
  }

  /** Tightens the file to 0600 when it exists (a database's WAL, for instance). */
  public static void ifPresent(Path file) {
    if (Files.exists(file)) {
      file(file);
    }
  }

  /** Opens the file for writing from its start, created or tightened to 0600 first. */
  public static OutputStream newOutputStream(Path file) throws IOException {
    file(file);
    return Files.newOutputStream(
        file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static void tighten(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (posix(path) && !Files.getPosixFilePermissions(path).equals(mode)) {
      Files.setPosixFilePermissions(path, mode);
    }
  }

  private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> mode) {
    return posix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
