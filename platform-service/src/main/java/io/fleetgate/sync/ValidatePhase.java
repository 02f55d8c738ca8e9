package io.fleetgate.sync;

import io.fleetgate.audit.AuditLog;
import io.fleetgate.policy.PolicyCompileException;
import io.fleetgate.policy.PolicyContext;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.render.RenderProblem;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every rendered object and the change set with policy, failing closed, and records each
 * decision in the audit log.
 */
final class ValidatePhase implements Phase {

  private final PolicyGate gate;
  private final AuditLog audit;
  private final io.fleetgate.store.SyncRuns runs;
  private final Clock clock;

  /**
   * @param clock judges waivers' expiry (their last day, in UTC)
   */
  ValidatePhase(PolicyGate gate, AuditLog audit, io.fleetgate.store.SyncRuns runs, Clock clock) {
    this.gate = gate;
    this.audit = audit;
    this.runs = runs;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public void run(ClusterScope scope) {
    try {
      scope.gate =
          gate.check(
              scope.render.objects(),
              new PolicyContext(
                  scope.target(),
                  scope.revision.commit(),
                  scope.render.policyParameters(),
                  scope.repo.waivers(),
                  LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                  scope.repo.policies()));
    } catch (PolicyCompileException e) {
      // The fleet's own policies cannot be used: a repository problem, like broken YAML.
      scope.end(
          ClusterOutcome.stalled(
              scope.target(),
              e.problems().stream()
                  .map(p -> new RenderProblem(p.location(), p.message()))
                  .toList()));
      return;
    }
    if (scope.deadlinePassed() != null) {
      // Cut off while the gate worked: its denials of the objects it never decided are not
      // findings, and the record phase records the deadline instead.
      return;
    }
    if (scope.recording()) {
      record(scope);
    }
  }

  /**
   * Appends the decisions when they differ from the cluster's last recorded ones: the findings
   * (with the commit: another commit, another finding, a waiver that expired), and separately the
   * set of objects every policy passed (without the commit: a new commit that changes no object's
   * standing records no pass rows). Polling an unchanged commit adds no rows at all.
   */
  private void record(ClusterScope scope) {
    var events = AuditTrail.policy(scope.gate, scope.cluster(), scope.revision.commit());
    var findings =
        events.stream()
            .filter(e -> !e.decision().equals(io.fleetgate.report.ReportBuilder.PASSED))
            .toList();
    var passes =
        events.stream()
            .filter(e -> e.decision().equals(io.fleetgate.report.ReportBuilder.PASSED))
            .toList();
    String findingsPrint = fingerprint(findings, true);
    String passesPrint = fingerprint(passes, false);
    String[] last =
        runs.policyFingerprint(scope.key()).map(f -> f.split(":", 2)).orElse(new String[] {"", ""});
    List<io.fleetgate.audit.AuditEvent> append = new ArrayList<>();
    if (!findingsPrint.equals(last[0])) {
      append.addAll(findings);
    }
    if (last.length < 2 || !passesPrint.equals(last[1])) {
      append.add(
          new io.fleetgate.audit.AuditEvent(
              "policy",
              scope.cluster(),
              "",
              scope.revision.commit(),
              "",
              io.fleetgate.report.ReportBuilder.PASSING,
              Integer.toString(passes.size())));
      append.addAll(passes);
    }
    if (append.isEmpty()) {
      return;
    }
    audit.append(append);
    runs.recordPolicyFingerprint(scope.key(), findingsPrint + ":" + passesPrint);
  }

  static String fingerprint(List<io.fleetgate.audit.AuditEvent> events, boolean withCommit) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      for (var e : events) {
        for (String field :
            new String[] {
              e.kind(),
              e.bundle(),
              withCommit ? e.commit() : "",
              e.object(),
              e.decision(),
              e.detail()
            }) {
          byte[] bytes = field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
          digest.update(bytes);
        }
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
