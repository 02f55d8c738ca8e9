package io.fleetgate.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCacheTest {

  @Test
  void findsAnEntryThatAnotherCheckoutsSetupLeftOutOfToolsEnv(@TempDir Path cache)
      throws IOException {
    Files.writeString(cache.resolve("tools.env"), "FLEETGATE_OPA=/cache/opa-v2/opa\n");
    Files.createDirectories(cache.resolve("tools.d"));
    Files.writeString(
        cache.resolve("tools.d/FLEETGATE_PROMETHEUS_OPERATOR_CRDS.env"),
        "FLEETGATE_PROMETHEUS_OPERATOR_CRDS=/cache/prometheus-operator-crds-v1/crds\n");
    Files.writeString(
        cache.resolve("tools.d/FLEETGATE_OPA.env"), "FLEETGATE_OPA=/cache/opa-v1/opa\n");

    ToolCache tools = ToolCache.at(cache);

    assertThat(tools.path("prometheus-operator-crds"))
        .isEqualTo(Path.of("/cache/prometheus-operator-crds-v1/crds"));
    assertThat(tools.path("opa")).as("tools.env wins").isEqualTo(Path.of("/cache/opa-v2/opa"));
    assertThatThrownBy(() -> tools.path("sloth")).hasMessageContaining("Run bin/setup");
  }
}
