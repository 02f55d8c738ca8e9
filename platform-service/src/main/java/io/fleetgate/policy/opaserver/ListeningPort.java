package io.fleetgate.policy.opaserver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The loopback TCP port a process listens on, read from Linux's {@code /proc}: the process's socket
 * inodes ({@code /proc/PID/fd/*} → {@code socket:[INODE]}) matched against its listening sockets in
 * {@code /proc/PID/net/tcp}. OPA, started with {@code --addr 127.0.0.1:0}, binds a port of the
 * kernel's choosing and logs only the address it was given; this reads the port it got.
 */
final class ListeningPort {

  private static final String LISTEN = "0A";
  private static final String LOOPBACK = "0100007F";

  private ListeningPort() {}

  /** The port, or empty while the process listens on none (yet). */
  static OptionalInt of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    Set<String> sockets = socketInodes(proc.resolve("fd"));
    if (sockets.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return parse(Files.readAllLines(proc.resolve("net").resolve("tcp")), sockets);
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  /** The listening loopback port among {@code /proc/net/tcp} lines whose inode is the process's. */
  static OptionalInt parse(List<String> tcp, Set<String> inodes) {
    for (String line : tcp.subList(Math.min(1, tcp.size()), tcp.size())) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 10 || !LISTEN.equals(fields[3]) || !inodes.contains(fields[9])) {
        continue;
      }
      String[] local = fields[1].split(":");
      if (local.length == 2 && LOOPBACK.equals(local[0])) {
        return OptionalInt.of(Integer.parseInt(local[1], 16));
      }
    }
    return OptionalInt.empty();
  }

  private static Set<String> socketInodes(Path fds) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[") && target.endsWith("]")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException e) {
          // the descriptor closed meanwhile
        }
      }
    } catch (IOException e) {
      // the process is gone or not ours
    }
    return inodes;
  }
}
