package io.fleetgate.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The pid file of the one {@link UpgradePlayer} process a sandbox may have: written and locked
 * while the player runs, so a second player against the same sandbox is refused with the first
 * one's pid. The operating system releases the lock when the holder dies, so a pid file left by a
 * killed player is stale and simply taken over, whatever pid it names.
 */
public final class PlayerPidFile implements AutoCloseable {

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private PlayerPidFile(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the pid file for this process.
   *
   * @throws SandboxException when a live player holds it, naming its pid
   */
  public static PlayerPidFile acquire(Path file) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw new SandboxException(
            "An upgrade player already runs for this sandbox (pid "
                + holder
                + ", "
                + file
                + "); stop it first, or let it play");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      channel.force(false);
      return new PlayerPidFile(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SandboxException("Cannot take the pid file " + file + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process
    }
  }

  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    return text.strip().matches("\\d{1,10}") ? text.strip() : "unknown";
  }

  /** Removes the pid file and releases it. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      lock.release();
    } catch (IOException e) {
      // The lock goes with the channel.
    } finally {
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing is left to release.
    }
  }
}
