package io.fleetgate.app;

import io.fleetgate.api.LocalFinding;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.policy.PolicyEngines;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.policy.opa.OpaLocator;
import io.fleetgate.policy.wasm.WasmPolicyEvaluator;
import io.fleetgate.render.Kustomize;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.RenderProblem;
import io.fleetgate.render.Renderer;
import io.fleetgate.tools.ToolCache;
import io.fleetgate.validate.ValidationFinding;
import io.fleetgate.validate.ValidationReport;
import io.fleetgate.validate.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a working copy of a fleet repository the way {@code fleetgate validate} and the sync gate
 * do — same renderer, same Wasm bundle, same waivers and parameters — for the console's editor.
 * Safe to call from one background thread at a time.
 */
public final class WorkingCopyCheck implements AutoCloseable {

  private final PolicyEngines engines;
  private final Validator validator;

  private WorkingCopyCheck(PolicyEngines engines, Validator validator) {
    this.engines = engines;
    this.validator = validator;
  }

  /**
   * @throws PolicyException when the built-in policy bundle cannot be loaded
   */
  public static WorkingCopyCheck open() throws PolicyException {
    PolicyEngines engines =
        new PolicyEngines(
            WasmPolicyEvaluator.of(PolicyBundle.builtIn()),
            OpaLocator.compiler(),
            WasmPolicyEvaluator::of);
    Path kustomize;
    try {
      kustomize = ToolCache.locate().executable("kustomize");
    } catch (io.fleetgate.tools.ToolException e) {
      kustomize = null;
    }
    PolicyCatalog builtIn = PolicyCatalog.builtIn();
    return new WorkingCopyCheck(
        engines,
        new Validator(
            new Renderer(ManifestLimits.defaults(), new Kustomize(kustomize)),
            new PolicyGate(engines),
            policies -> engines.catalogFor(policies, builtIn)));
  }

  /**
   * Renders the working copy for every cluster it declares and evaluates it.
   *
   * @throws IOException when the repository cannot be read
   */
  public List<LocalFinding> check(Path workingCopy) throws IOException {
    ValidationReport report = validator.validate(workingCopy, Optional.empty());
    List<LocalFinding> findings = new ArrayList<>();
    for (RenderProblem problem : report.problems()) {
      findings.add(
          new LocalFinding(
              problem.location().path(),
              problem.location().line(),
              "",
              "",
              "invalid",
              "critical",
              List.of(),
              problem.message(),
              "Fix the file so that it renders; nothing from it can be applied until then.",
              List.of()));
    }
    for (ValidationFinding f : report.findings()) {
      findings.add(
          new LocalFinding(
              f.path(),
              f.line(),
              f.object(),
              f.policy().policy(),
              f.level(),
              f.policy().severity(),
              f.policy().controls(),
              f.message(),
              f.policy().remediation(),
              f.clusters()));
    }
    return findings;
  }

  @Override
  public void close() {
    engines.close();
  }
}
