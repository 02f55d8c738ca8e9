package io.fleetgate.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.kube.ClusterApi;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example fleet is accepted by real API servers: the CAPI CRD schema and the built-in kinds.
 */
@SandboxFleetTest
class ExampleFleetIT {

  @Test
  void theManagementClusterAcceptsEveryExampleClusterDeclaration(SandboxFleetHandle sandbox)
      throws Exception {
    ClusterApi management = sandbox.management();
    List<ExampleFleet.Document> clusters =
        ExampleFleet.documents(ExampleFleet.root()).stream()
            .filter(d -> d.kind().equals("Cluster"))
            .toList();

    for (ExampleFleet.Document cluster : clusters) {
      assertThat(management.dryRunApply(cluster.object()).name())
          .as(cluster.file().toString())
          .isEqualTo(cluster.name());
    }
  }

  @Test
  void aWorkloadClusterAcceptsEveryObjectOfEveryBundle(SandboxFleetHandle sandbox)
      throws Exception {
    ClusterApi cluster = sandbox.cluster(sandbox.workloadClusters().getFirst());
    List<ExampleFleet.Document> objects =
        ExampleFleet.documents(ExampleFleet.root().resolve("bundles"));
    assertThat(objects).hasSizeGreaterThan(15);

    // Namespaces for real (objects in them need them to exist), everything else as a dry run.
    objects.stream()
        .filter(d -> d.kind().equals("Namespace"))
        .forEach(ns -> cluster.apply(ns.object()));
    for (ExampleFleet.Document object : objects) {
      if (!object.kind().equals("Namespace")) {
        assertThat(cluster.dryRunApply(object.object()).name())
            .as(object.file().toString())
            .isEqualTo(object.name());
      }
    }
  }
}
