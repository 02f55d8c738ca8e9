package io.fleetgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.cli.CliRun;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.SloFiles;
import io.fleetgate.slo.Slo;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.GatewayTraffic;
import io.fleetgate.testing.PrometheusServer;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import io.fleetgate.testing.SloHistoryRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout held by the SLO gate: a real Prometheus holding a day of the payment gateway's traffic
 * with 2 % errors in the last hour (a burn rate of 20 against a 99.9 % target), backfilled with the
 * SLO's own recording rules, and a wave that may start only while the SLO burns at most 6× over 1h.
 * The rollout halts before it changes anything, and says why with the figures.
 */
@SandboxFleetTest
class SloGatedRolloutIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path work;

  /** The system clock moved to the end of the history. */
  private static final class ShiftedClock extends Clock {
    private final Duration offset;

    ShiftedClock(Duration offset) {
      this.offset = offset;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  @Test
  void aBurningSloHaltsTheRolloutAtItsGateWithTheBurnShown(SandboxFleetHandle sandbox)
      throws Exception {
    Instant end = Instant.ofEpochSecond((Instant.now().getEpochSecond() / 3600) * 3600 - 3 * 3600);
    Instant start = end.minus(Duration.ofHours(26));
    try (PrometheusServer prometheus =
        PrometheusServer.withHistory(
            work.resolve("prometheus"), GatewayTraffic.openMetrics(start, end, 0.02))) {
      FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
      Slo slo = SloFiles.read(repo.dir(), ManifestLimits.defaults()).slos().getFirst();
      SloHistoryRules.backfill(
          prometheus,
          List.of(slo),
          work.resolve("rules"),
          start.plusSeconds(600),
          end,
          Duration.ofSeconds(15));
      repo.write(
              "fleet.yaml",
              repo.read("fleet.yaml")
                  + """
                    slo:
                      prometheus:
                        - clusterSelector: {matchLabels: {region: cn-north-1}}
                          url: %s
                  """
                      .formatted(prometheus.url()))
          .write(
              "rollouts/guarded.yaml",
              """
              apiVersion: fleetgate.io/v1alpha1
              kind: PatchRollout
              metadata:
                name: guarded
              spec:
                target:
                  kernelVersion: 6.8.0-95-generic
                waves:
                  - name: payments
                    clusters: [aws-cn-north-1-prod]
                    gates:
                      sloBurnRate: {slo: %s, maxBurnRate: 6, window: 1h}
              """
                  .formatted(slo.name()))
          .commit("Roll a kernel out while the payment gateway keeps its budget");
      Path data = work.resolve("data");
      Path token = work.resolve("ana.token");
      try (SqliteStore store = SqliteStore.open(data, Clock.systemUTC())) {
        Files.writeString(token, new Tokens(store.tokens()).create("ana", Role.OPERATOR).secret());
      }
      Clock clock = new ShiftedClock(Duration.between(Instant.now(), end.plusSeconds(5)));
      String declaredBefore = declaredKernel(sandbox);
      try (PlatformServer server =
          PlatformServer.start(
              new SyncSetup.Config(
                  repo.dir().toString(),
                  "main",
                  sandbox.managementKubeconfig(),
                  data,
                  SyncSetup.Engine.WASM,
                  null),
              new ApiSettings("127.0.0.1", 0, new byte[0]),
              Duration.ofMinutes(10),
              Duration.ofMinutes(30),
              clock,
              report -> {},
              Duration.ofMinutes(10))) {
        server.rolloutInterval(Duration.ofMillis(250));
        Thread loop = Thread.ofPlatform().start(server::run);
        try {
          String base = "http://127.0.0.1:" + server.port();
          awaitRollout(base, token, r -> r.path("name").asText().equals("guarded"));
          CliRun started =
              CliRun.of(
                  "rollout",
                  "start",
                  "guarded",
                  "--server",
                  base,
                  "--token-file",
                  token.toString());
          assertThat(started.code()).as(started.err()).isZero();

          JsonNode halted =
              awaitRollout(base, token, r -> r.path("phase").asText().equals("HALTED"));

          assertThat(halted.path("reason").asText())
              .matches(
                  "SLO "
                      + slo.name()
                      + " is burning \\d+\\.\\d× on aws-cn-north-1-prod over 1h, above 6×");
          JsonNode gate = halted.at("/waves/0/gates/0");
          assertThat(gate.path("kind").asText()).isEqualTo("sloBurnRate");
          assertThat(gate.path("answer").asText()).isEqualTo("FAILING");
          assertThat(gate.at("/burns/0/cluster").asText()).isEqualTo("aws-cn-north-1-prod");
          assertThat(gate.at("/burns/0/burnRate").asDouble()).isCloseTo(20.0, within(1.0));
          assertThat(gate.at("/burns/0/maxBurnRate").asDouble()).isEqualTo(6.0);
          assertThat(halted.at("/waves/0/clusters/0/phase").asText()).isEqualTo("PENDING");
          assertThat(declaredKernel(sandbox)).as("nothing was changed").isEqualTo(declaredBefore);
          CliRun status =
              CliRun.of(
                  "rollout",
                  "status",
                  "guarded",
                  "--server",
                  base,
                  "--token-file",
                  token.toString());
          assertThat(status.out())
              .contains("guarded  halted  kernel 6.8.0-95-generic")
              .contains("gate sloBurnRate failing: SLO " + slo.name() + " is burning")
              .containsPattern(
                  slo.name() + " on aws-cn-north-1-prod: \\d+\\.\\d× \\(at most 6×\\)");
        } finally {
          server.stop();
          loop.join(30_000);
        }
      }
    }
  }

  private static String declaredKernel(SandboxFleetHandle sandbox) {
    return sandbox
        .management()
        .get(
            io.fleetgate.kube.GroupVersionKind.of("cluster.x-k8s.io/v1beta2", "Cluster"),
            "fleet",
            "aws-cn-north-1-prod")
        .map(Object::toString)
        .orElse("");
  }

  private static JsonNode awaitRollout(
      String base, Path token, java.util.function.Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/rollouts"))
                  .header("Authorization", "Bearer " + Files.readString(token))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      last = answer.body();
      if (answer.statusCode() == 200) {
        for (JsonNode r : JSON.readTree(last).path("rollouts")) {
          if (condition.test(r)) {
            return r;
          }
        }
      }
      Thread.sleep(250);
    }
    String slos =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/slos"))
                    .header("Authorization", "Bearer " + Files.readString(token))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    throw new AssertionError("not within 120 s: " + last + "\nSLOs: " + slos);
  }
}
