package io.fleetgate.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a sandbox state directory, so that two {@code sandbox up} (or an {@code up}
 * and a {@code down}) never interleave. The operating system releases it when the holder dies.
 */
final class StateLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits until no other process holds the directory's lock, then takes it. */
  static StateLock acquire(Path stateDir) {
    try {
      Files.createDirectories(stateDir);
      FileChannel channel =
          FileChannel.open(
              stateDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new StateLock(channel, channel.lock());
    } catch (IOException e) {
      throw new SandboxException(
          "Cannot lock the sandbox state directory " + stateDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock goes with the channel; nothing is left to release.
    }
  }
}
