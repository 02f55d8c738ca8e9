package io.fleetgate.cli;

import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.policy.PolicyEngines;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.policy.opa.OpaLocator;
import io.fleetgate.policy.wasm.WasmPolicyEvaluator;
import io.fleetgate.render.Kustomize;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.tools.ToolCache;
import io.fleetgate.tools.ToolException;
import io.fleetgate.validate.ReportFormat;
import io.fleetgate.validate.ValidationReport;
import io.fleetgate.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate validate}: the pre-commit and CI check, with the sync gate's own policies. */
@Command(
    name = "validate",
    description = {
      "Validate a working copy of the fleet repository for every cluster it declares (<cluster>/cluster.yaml),",
      "with the same renderer and policy bundle the sync gate uses.",
      "Exit codes: 0 clean (warnings allowed), 1 denials, 2 bad input (the repository does not render)."
    })
final class ValidateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      paramLabel = "PATH",
      description = "The working copy to validate.")
  Path repo;

  @Option(names = "--cluster", paramLabel = "NAME", description = "Only this cluster.")
  String cluster;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, json, sarif or junit (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report here instead of standard output.")
  Path out;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the fleet's own policies, once compiled, are kept for the next run (default:"
              + " ~/.fleetgate/data).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    ReportFormat reportFormat = ReportFormat.parse(format);
    if (!Files.isDirectory(repo)) {
      throw new IllegalArgumentException("--repo " + repo + " is not a directory");
    }
    PolicyCatalog builtIn = PolicyCatalog.builtIn();
    try (PolicyEngines engines =
        new PolicyEngines(
            WasmPolicyEvaluator.of(PolicyBundle.builtIn()),
            OpaLocator.compiler(DataDir.orDefault(dataDir).resolve(OpaLocator.CACHE_DIRECTORY)),
            WasmPolicyEvaluator::of,
            PolicyEngines.Reuse.NOTHING)) {
      Validator validator =
          new Validator(
              new Renderer(ManifestLimits.defaults(), new Kustomize(kustomize())),
              new PolicyGate(engines),
              policies -> engines.catalogFor(policies, builtIn));
      ValidationReport report = validator.validate(repo, Optional.ofNullable(cluster));
      if (report.clusters().isEmpty()) {
        throw new IllegalArgumentException(
            "no cluster declarations (<cluster>/cluster.yaml)"
                + (cluster == null ? "" : " named " + cluster)
                + " in "
                + repo);
      }
      String text = reportFormat.write(report);
      if (out == null) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      } else {
        Files.writeString(out, text);
        spec.commandLine()
            .getErr()
            .printf("Wrote %s (%d denial(s), exit %d)%n", out, report.denials(), report.exitCode());
      }
      return report.exitCode();
    }
  }

  private static Path kustomize() {
    try {
      return ToolCache.locate().executable("kustomize");
    } catch (ToolException e) {
      return null;
    }
  }
}
