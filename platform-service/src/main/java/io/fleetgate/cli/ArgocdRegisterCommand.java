package io.fleetgate.cli;

import io.fleetgate.argocd.kube.KubeClusterSecrets;
import io.fleetgate.argocd.kube.KubeConnectionReader;
import io.fleetgate.argocd.register.Registrar;
import io.fleetgate.argocd.register.RegistrationPlan;
import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fleetgate argocd register}: every Cluster API cluster registered in Argo CD as a
 * declarative cluster Secret, and the Secrets of clusters that are gone removed.
 */
@Command(
    name = "register",
    description = {
      "Register every Cluster API cluster of the management cluster in Argo CD: one cluster Secret"
          + " per cluster in Argo CD's namespace, with the Cluster's labels and its credentials"
          + " inline; the Secret of a Cluster that is gone is deleted. Secrets Fleetgate did not"
          + " make are never changed. Prints one line per cluster: created, updated, deleted,"
          + " unchanged, kept or conflict, and why.",
      "Exit codes: 0 every cluster registered, 1 a cluster kept back, in conflict or not written,"
          + " 2 bad input."
    })
final class ArgocdRegisterCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--management-kubeconfig",
      required = true,
      paramLabel = "FILE",
      description = "Kubeconfig of the management cluster holding the CAPI Clusters and Argo CD.")
  Path managementKubeconfig;

  @Option(
      names = "--argocd-namespace",
      defaultValue = "argocd",
      paramLabel = "NAMESPACE",
      description = "Argo CD's namespace on the management cluster (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--dry-run", description = "Print the plan; write nothing.")
  boolean dryRun;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description =
          "How long one call to the management cluster may take (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() {
    ClusterApi management =
        new KubeClients(
                KubeconfigPolicy.operatorFile(), DurationArg.parse(timeout, "--timeout", spec))
            .api(read(managementKubeconfig));
    Registrar registrar =
        new Registrar(
            new CapiClusterDirectory(management),
            new KubeClusterSecrets(management, namespace),
            new KubeConnectionReader());
    PrintWriter out = spec.commandLine().getOut();
    RegistrationPlan plan = registrar.plan();
    // Names and reasons come from the management cluster: no control character reaches the
    // terminal.
    plan.lines().forEach(line -> out.println(RolloutStatusCommand.RolloutText.clean(line)));
    if (plan.registrations().isEmpty()) {
      out.println("No Cluster API clusters and no Fleetgate cluster Secrets in " + namespace);
    }
    boolean complete = plan.complete();
    if (!dryRun) {
      List<Registrar.Result> results = registrar.apply(plan);
      for (Registrar.Result result : results) {
        if (result.write()
            instanceof io.fleetgate.argocd.register.ClusterSecrets.Write.Refused refused) {
          complete = false;
          out.println(
              RolloutStatusCommand.RolloutText.clean(
                  "failed    " + result.registration().cluster() + ": " + refused.reason()));
        }
      }
    } else if (plan.changes()) {
      out.println("Dry run: nothing written.");
    }
    out.flush();
    return complete ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static Kubeconfig read(Path file) {
    try {
      return new Kubeconfig(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the management kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }
}
