package io.fleetgate.cli;

import io.fleetgate.sandbox.SandboxStatus;
import java.io.PrintWriter;

/** Prints a sandbox status as an aligned table. */
final class StatusTable {

  private StatusTable() {}

  static void print(SandboxStatus status, PrintWriter out) {
    if (status.members().isEmpty()) {
      out.println(
          "No sandbox fleet in " + status.stateDir() + ". Start one with 'fleetgate sandbox up'.");
      out.flush();
      return;
    }
    String format = "%-22s %-9s %-12s %-8s %-24s %s%n";
    out.printf(format, "CLUSTER", "PROVIDER", "REGION", "STATE", "SERVER", "KUBECONFIG");
    for (SandboxStatus.MemberStatus member : status.members()) {
      var profile = member.profile();
      out.printf(
          format,
          member.name(),
          profile == null ? "-" : profile.provider(),
          profile == null ? "-" : profile.region(),
          member.ready() ? "ready" : member.pid() == 0 ? "stopped" : "starting",
          member.server(),
          member.kubeconfig());
    }
    out.printf(
        "%netcd: %s; state: %s%n", status.etcdRunning() ? "running" : "stopped", status.stateDir());
    out.flush();
  }
}
