package io.fleetgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolPathsTest {

  @Test
  void aMissingCacheSaysToRunSetup(@TempDir Path dir) {
    assertThatThrownBy(() -> ToolPaths.fromManifest(dir))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("bin/setup");
  }

  @Test
  void anEmptyBinaryIsRefusedNotUsed(@TempDir Path dir) throws Exception {
    Path etcd = executable(dir.resolve("etcd"), "");
    writeManifest(dir, etcd, executable(dir.resolve("kube-apiserver"), "#!/bin/sh\n"));

    assertThatThrownBy(() -> ToolPaths.fromManifest(dir))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("etcd is missing or empty")
        .hasMessageContaining("bin/setup");
  }

  @Test
  void readsEveryToolFromTheManifest(@TempDir Path dir) throws Exception {
    Path etcd = executable(dir.resolve("etcd"), "#!/bin/sh\n");
    Path apiserver = executable(dir.resolve("kube-apiserver"), "#!/bin/sh\n");
    writeManifest(dir, etcd, apiserver);

    ToolPaths tools = ToolPaths.fromManifest(dir);

    assertThat(tools.etcd()).isEqualTo(etcd);
    assertThat(tools.kubeApiserver()).isEqualTo(apiserver);
    assertThat(tools.kubernetesVersion()).isEqualTo("v1.34.4");
  }

  private static void writeManifest(Path dir, Path etcd, Path apiserver) throws Exception {
    Files.createDirectories(dir.resolve("crds"));
    Files.writeString(
        dir.resolve("tools.env"),
        String.join(
            "\n",
            "FLEETGATE_ETCD=" + etcd,
            "FLEETGATE_KUBE_APISERVER=" + apiserver,
            "FLEETGATE_KUBECTL=" + apiserver,
            "FLEETGATE_CAPI_CRDS=" + dir.resolve("crds"),
            "FLEETGATE_KUBERNETES_VERSION=v1.34.4",
            ""));
  }

  private static Path executable(Path file, String content) throws Exception {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
