package io.fleetgate.validate;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.policy.Finding;
import io.fleetgate.policy.GateResult;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.policy.PolicyCompileException;
import io.fleetgate.policy.PolicyContext;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.RenderProblem;
import io.fleetgate.render.RenderResult;
import io.fleetgate.render.Renderer;
import io.fleetgate.slo.SloProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a working copy for every declared cluster and evaluates it with the sync gate's policies.
 */
public final class Validator {

  private final Renderer renderer;
  private final PolicyGate gate;
  private final java.util.function.Function<io.fleetgate.policy.RepoPolicies, PolicyCatalog>
      catalog;

  public Validator(Renderer renderer, PolicyGate gate, PolicyCatalog catalog) {
    this(renderer, gate, policies -> catalog);
  }

  /**
   * @param catalog what the policies of a repository are about (the fleet's own policies' metadata
   *     is known once they compiled, which the gate does first)
   */
  public Validator(
      Renderer renderer,
      PolicyGate gate,
      java.util.function.Function<io.fleetgate.policy.RepoPolicies, PolicyCatalog> catalog) {
    this.renderer = renderer;
    this.gate = gate;
    this.catalog = catalog;
  }

  /**
   * @param cluster only this cluster, when present
   * @throws IOException when the repository's cluster declarations cannot be read
   */
  public ValidationReport validate(Path repo, Optional<String> cluster) throws IOException {
    List<ClusterTarget> targets =
        RepoClusters.in(repo).stream()
            .filter(t -> cluster.map(t.name()::equals).orElse(true))
            .toList();
    LoadedRepo loaded = renderer.load(repo);
    Set<RenderProblem> problems = new LinkedHashSet<>(loaded.fleetProblems());
    for (SloProblem p : loaded.slos().problems()) {
      problems.add(
          new RenderProblem(
              p.location(), (p.field().isEmpty() ? "" : p.field() + ": ") + p.message()));
    }
    for (io.fleetgate.rollout.RolloutProblem p : renderer.rollouts(repo, loaded).problems()) {
      problems.add(
          new RenderProblem(
              p.location(), (p.field().isEmpty() ? "" : p.field() + ": ") + p.message()));
    }
    Map<String, Builder> findings = new LinkedHashMap<>();
    int objects = 0;
    for (ClusterTarget target : targets) {
      RenderResult render = renderer.render(loaded, target);
      problems.addAll(render.problems());
      objects += render.objects().size();
      GateResult verdicts;
      try {
        verdicts =
            gate.check(
                render.objects(),
                new PolicyContext(
                    target,
                    "working-copy",
                    render.policyParameters(),
                    loaded.waivers(),
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                    loaded.policies()));
      } catch (PolicyCompileException e) {
        e.problems().forEach(p -> problems.add(new RenderProblem(p.location(), p.message())));
        continue;
      }
      PolicyCatalog policies = catalog.apply(loaded.policies());
      for (GateResult.Verdict verdict : verdicts.verdicts()) {
        add(
            findings,
            policies,
            verdict.object(),
            verdict.decision().denials(),
            "deny",
            target.name());
        add(
            findings,
            policies,
            verdict.object(),
            verdict.decision().warnings(),
            "warn",
            target.name());
        for (GateResult.WaivedFinding waived : verdict.waived()) {
          Finding noted =
              new Finding(
                  waived.finding().policy(),
                  waived.finding().message() + " — " + waived.waiver().describe());
          add(findings, policies, verdict.object(), List.of(noted), "waived", target.name());
        }
      }
    }
    List<ValidationFinding> list = findings.values().stream().map(Builder::build).toList();
    return new ValidationReport(
        targets.stream().map(ClusterTarget::name).toList(),
        objects,
        new ArrayList<>(problems),
        list);
  }

  private void add(
      Map<String, Builder> findings,
      PolicyCatalog catalog,
      RenderedObject object,
      List<Finding> found,
      String level,
      String cluster) {
    for (Finding finding : found) {
      String key = level + "|" + object.source() + "|" + finding.policy() + "|" + finding.message();
      findings
          .computeIfAbsent(
              key,
              k -> new Builder(object, level, catalog.entry(finding.policy()), finding.message()))
          .clusters
          .add(cluster);
    }
  }

  /** A finding while the clusters that share it are collected. */
  private static final class Builder {
    final RenderedObject object;
    final String level;
    final PolicyCatalog.Entry policy;
    final String message;
    final List<String> clusters = new ArrayList<>();

    Builder(RenderedObject object, String level, PolicyCatalog.Entry policy, String message) {
      this.object = object;
      this.level = level;
      this.policy = policy;
      this.message = message;
    }

    ValidationFinding build() {
      return new ValidationFinding(
          object.source().path(),
          object.source().line(),
          object.ref().toString(),
          level,
          policy,
          message,
          clusters);
    }
  }
}
