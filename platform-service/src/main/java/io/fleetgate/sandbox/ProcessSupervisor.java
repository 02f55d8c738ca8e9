package io.fleetgate.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts sandbox processes detached from the JVM (their own session, so they survive the CLI and a
 * Ctrl-C), records their pids, and stops or reaps them.
 *
 * <p>A pid file alone is not trusted: a process counts as ours only while its command line still
 * names the sandbox's state directory, so a recycled pid is never signalled.
 */
final class ProcessSupervisor {

  private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final SandboxLayout layout;

  ProcessSupervisor(SandboxLayout layout) {
    this.layout = layout;
  }

  /** Starts {@code command} for the member, output appended to its log; returns its pid. */
  long start(String member, List<String> command) {
    try {
      Files.createDirectories(layout.log(member).getParent());
      Files.createDirectories(layout.pids());
      List<String> detached = new ArrayList<>();
      if (new File("/usr/bin/setsid").canExecute()) {
        detached.add("/usr/bin/setsid");
      }
      detached.addAll(command);
      log.info("Starting {}: {}", member, String.join(" ", command));
      Process process =
          new ProcessBuilder(detached)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(member).toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      Files.writeString(layout.pidFile(member), Long.toString(process.pid()));
      return process.pid();
    } catch (IOException e) {
      throw new SandboxException(
          "Cannot start " + member + " (" + command.getFirst() + "): " + e.getMessage(), e);
    }
  }

  /** The member's pid while its process runs and is ours. */
  Optional<ProcessHandle> running(String member) {
    return readPid(layout.pidFile(member)).flatMap(ProcessHandle::of).filter(this::ours);
  }

  /**
   * Whether the member's process, just started by this supervisor, is still alive. Unlike {@link
   * #running}, it does not read the command line: right after the start, during exec, /proc may
   * briefly show an empty or the parent's command line, which would look like a process that died.
   */
  boolean alive(String member) {
    return readPid(layout.pidFile(member))
        .flatMap(ProcessHandle::of)
        .map(ProcessHandle::isAlive)
        .orElse(false);
  }

  /** Stops the member's process (TERM, then KILL after a grace period) and removes its pid file. */
  void stop(String member) {
    running(member).ifPresent(this::terminate);
    try {
      Files.deleteIfExists(layout.pidFile(member));
    } catch (IOException e) {
      log.warn("Cannot remove pid file of {}: {}", member, e.getMessage());
    }
  }

  /**
   * Stops every process that belongs to this sandbox, whether or not a pid file remembers it:
   * leftovers of a JVM that was killed, or of a state directory that was deleted meanwhile.
   *
   * @return how many processes were stopped
   */
  int reapAll() {
    List<ProcessHandle> ours;
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      ours = all.filter(this::ours).toList();
    }
    // API servers first: stopping etcd under them would make their shutdown wait on storage.
    String etcdData = "--data-dir=" + layout.etcdData();
    terminateAll(ours.stream().filter(p -> !commandLine(p).contains(etcdData)).toList());
    terminateAll(ours.stream().filter(p -> commandLine(p).contains(etcdData)).toList());
    try (Stream<Path> pidFiles =
        Files.isDirectory(layout.pids()) ? Files.list(layout.pids()) : Stream.empty()) {
      for (Path pidFile : pidFiles.toList()) {
        Files.deleteIfExists(pidFile);
      }
    } catch (IOException e) {
      log.warn("Cannot clean pid files in {}: {}", layout.pids(), e.getMessage());
    }
    return ours.size();
  }

  private boolean ours(ProcessHandle handle) {
    return handle.pid() != ProcessHandle.current().pid()
        && commandLine(handle).contains(layout.root().toString() + "/");
  }

  /** The full command line from /proc (NUL-separated), or empty when the process is gone. */
  private static String commandLine(ProcessHandle handle) {
    Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
    try {
      return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private void terminate(ProcessHandle handle) {
    terminateAll(List.of(handle));
  }

  /** Sends SIGTERM to all at once, then SIGKILL to those still running after the grace period. */
  private void terminateAll(List<ProcessHandle> handles) {
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (ProcessHandle handle : handles) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        log.warn("Process {} ignored SIGTERM for {}; killing it", handle.pid(), GRACE);
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      } catch (ExecutionException e) {
        handle.destroyForcibly();
      }
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
