package io.fleetgate.bench;

import io.fleetgate.sandbox.SandboxFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one sandbox kube-apiserver costs the machine, read from {@code /proc}: its resident memory,
 * and the CPU it burns while idle over a short window. The rollout benchmark prints it beside the
 * fleet size it chose, as the reason for that size.
 *
 * @param rssMib mean resident set size of the members measured, MiB
 * @param idleCpuPercent mean CPU of one member while nothing asks it anything, % of one core
 */
record ApiServerFootprint(double rssMib, double idleCpuPercent, int members) {

  private static final double CLOCK_TICKS = 100.0;

  /** Measures {@code members} of {@code fleet} over {@code window}; empty without {@code /proc}. */
  static Optional<ApiServerFootprint> measure(
      SandboxFleet fleet, List<String> members, java.time.Duration window) throws Exception {
    List<Long> pids =
        members.stream()
            .map(fleet::process)
            .flatMap(Optional::stream)
            .map(ProcessHandle::pid)
            .toList();
    if (pids.isEmpty() || !Files.isDirectory(Path.of("/proc", String.valueOf(pids.getFirst())))) {
      return Optional.empty();
    }
    long before = 0;
    for (long pid : pids) {
      before += cpuTicks(pid);
    }
    Thread.sleep(window);
    long after = 0;
    double rss = 0;
    for (long pid : pids) {
      after += cpuTicks(pid);
      rss += rssKib(pid) / 1024.0;
    }
    double cpu = (after - before) / CLOCK_TICKS / (window.toMillis() / 1000.0) * 100 / pids.size();
    return Optional.of(new ApiServerFootprint(rss / pids.size(), cpu, pids.size()));
  }

  /** utime + stime of the process, in clock ticks (fields 14 and 15 of {@code stat}). */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long rssKib(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }
}
