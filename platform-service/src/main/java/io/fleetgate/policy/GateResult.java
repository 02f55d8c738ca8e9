package io.fleetgate.policy;

import io.fleetgate.domain.RenderedObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The policy verdicts on one cluster's render. */
public record GateResult(List<Verdict> verdicts) {

  public GateResult {
    verdicts = List.copyOf(verdicts);
  }

  /**
   * @param decision what still counts: denials that no active waiver covers, and the warnings
   * @param engineError true when the engine failed and the denial is the fail-closed default
   * @param waived denials an active waiver covers: recorded, not blocking
   */
  public record Verdict(
      RenderedObject object,
      PolicyDecision decision,
      boolean engineError,
      List<WaivedFinding> waived) {

    public Verdict {
      waived = List.copyOf(waived);
    }

    public Verdict(RenderedObject object, PolicyDecision decision, boolean engineError) {
      this(object, decision, engineError, List.of());
    }
  }

  /** A denial an active waiver covers. */
  public record WaivedFinding(Finding finding, Waiver waiver) {}

  public List<Verdict> withWaivers() {
    return verdicts.stream().filter(v -> !v.waived().isEmpty()).toList();
  }

  /** Bundles with at least one denied object: none of their objects may be applied. */
  public Set<String> deniedBundles() {
    Set<String> denied = new TreeSet<>();
    for (Verdict verdict : verdicts) {
      if (!verdict.decision().allowed()) {
        denied.add(verdict.object().bundle());
      }
    }
    return denied;
  }

  public List<Verdict> denials() {
    return verdicts.stream().filter(v -> !v.decision().allowed()).toList();
  }

  public List<Verdict> withWarnings() {
    return verdicts.stream().filter(v -> !v.decision().warnings().isEmpty()).toList();
  }
}
