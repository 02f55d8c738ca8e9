package io.fleetgate.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.sandbox.WorkloadProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the example fleet in clusters/ and the sandbox fleet that mirrors it in step. */
class ExampleFleetTest {

  @Test
  void everyExampleClusterIsASandboxClusterWithTheSameLabels() throws Exception {
    List<ExampleFleet.Document> clusters =
        ExampleFleet.documents(ExampleFleet.root()).stream()
            .filter(d -> d.kind().equals("Cluster"))
            .toList();

    assertThat(clusters).hasSize(3);
    for (WorkloadProfile profile : WorkloadProfile.fleetOf(3)) {
      ExampleFleet.Document declared =
          clusters.stream().filter(d -> d.name().equals(profile.name())).findFirst().orElseThrow();
      assertThat(declared.labels())
          .as(declared.file().toString())
          .containsAllEntriesOf(profile.labels());
    }
  }

  @Test
  void theExampleClustersSpanThreeProviders() throws Exception {
    assertThat(
            ExampleFleet.documents(ExampleFleet.root()).stream()
                .filter(d -> d.kind().equals("Cluster"))
                .map(d -> d.labels().get("provider"))
                .distinct())
        .hasSize(3);
  }
}
