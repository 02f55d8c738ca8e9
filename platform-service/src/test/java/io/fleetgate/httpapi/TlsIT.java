package io.fleetgate.httpapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --tls-keystore}: the API over HTTPS only, with a keystore made by keytool. */
@SandboxFleetTest
class TlsIT {

  @Test
  void servesTheApiOverHttpsOnly(SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    Path keystore = work.resolve("server.p12");
    char[] password = "changeit-please".toCharArray();
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "fleetgate",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(password))
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    try (PlatformServer server =
        PlatformServer.start(
            new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                sandbox.managementKubeconfig(),
                work.resolve("data"),
                SyncSetup.Engine.WASM,
                null),
            new ApiSettings("127.0.0.1", 0, new byte[0], new ApiSettings.Tls(keystore, password)),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Clock.systemUTC(),
            report -> {})) {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trusted.load(in, password);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      HttpClient https = HttpClient.newBuilder().sslContext(tls).build();

      HttpResponse<String> health =
          https.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.sslSession())
          .hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLSv1."));
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                              .timeout(Duration.ofSeconds(5))
                              .build(),
                          HttpResponse.BodyHandlers.ofString()))
          .as("no plain HTTP on the TLS port")
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
