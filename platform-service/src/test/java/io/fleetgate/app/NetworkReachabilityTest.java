package io.fleetgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.api.Reachability;
import io.fleetgate.api.Reachability.Refusal;
import io.fleetgate.api.Reachability.RefusedException;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.netpol.ProtectedNamespaces;
import io.fleetgate.render.Kustomize;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.validate.RepoClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served reachability over a real Git repository (the example fleet) and the real renderer: a
 * revision is resolved, exported, rendered for the cluster and analysed once, then answered from
 * the cache; bad questions are refused before anything is computed.
 */
class NetworkReachabilityTest {

  private static final String GATEWAY = "payments/payment-gateway[Deployment]";
  private static final String BILLING = "billing/billing-service[Deployment]";

  @TempDir Path work;
  private FleetRepo repo;
  private String seeded;
  private NetworkReachability network;
  private Path scratch;

  @BeforeEach
  void seed() throws Exception {
    repo = FleetRepo.seed(work.resolve("fleet"));
    seeded = io.fleetgate.source.jgit.RevisionTree.resolve(repo.dir(), "HEAD").orElseThrow();
    List<ClusterTarget> targets = RepoClusters.in(repo.dir());
    scratch = work.resolve("scratch");
    network =
        new NetworkReachability(
            repo.dir(),
            new Renderer(ManifestLimits.defaults(), new Kustomize(null)),
            scratch,
            new NetworkReachability.Clusters() {
              @Override
              public Optional<ClusterTarget> target(String name) {
                return targets.stream().filter(t -> t.name().equals(name)).findFirst();
              }

              @Override
              public Optional<String> syncedCommit(String name) {
                return name.equals("guangzhou-prod") ? Optional.empty() : Optional.of(seeded);
              }
            },
            ProtectedNamespaces.defaults());
  }

  @Test
  void reportsTheSyncedRevisionRenderedForTheCluster() {
    Reachability.Report report = network.report("beijing-prod", null);

    assertThat(report.commit()).isEqualTo(seeded);
    assertThat(report.workloads())
        .extracting(Reachability.WorkloadView::endpoint)
        .contains(GATEWAY, BILLING);
    assertThat(report.connections())
        .filteredOn(c -> c.src().equals(GATEWAY) && c.dst().equals(BILLING))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.conn()).isEqualTo("TCP 9443");
              assertThat(c.ports()).containsExactly(new Reachability.PortRange("TCP", 9443, 9443));
            });
    assertThat(report.namespaces())
        .filteredOn(n -> n.name().equals("payments"))
        .singleElement()
        .satisfies(n -> assertThat(n.protectedNamespace()).isTrue());
  }

  @Test
  void explainsAPairWithTheRulesOfBothSides() {
    Reachability.ExplanationView why =
        network.explain("beijing-prod", null, "payments/payment-gateway", BILLING);

    assertThat(why.allowed()).isTrue();
    assertThat(why.conn()).isEqualTo("TCP 9443");
    assertThat(why.egress().decision()).isEqualTo("isolated");
    assertThat(why.egress().rules())
        .extracting(Reachability.RuleView::policy)
        .contains("payments/payment-gateway-to-billing");
    assertThat(why.ingress().rules()).isNotEmpty();
    assertThat(why.text()).contains("allowed by");
  }

  @Test
  void diffNamesWhatOpensAndClosesWithThePolicies() throws Exception {
    repo.write(
            "bundles/payments/allow-gateway-out.yaml",
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-gateway-out
              namespace: payments
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: payment-gateway
              policyTypes: [Egress]
              egress:
                - ports:
                    - protocol: TCP
                      port: 5432
            """)
        .commit("Let the gateway reach databases");

    Reachability.DiffView diff = network.diff("beijing-prod", seeded, "HEAD", 1_000);

    assertThat(diff.from()).isEqualTo(seeded);
    assertThat(diff.to()).isNotEqualTo(seeded);
    assertThat(diff.opened()).isPositive();
    assertThat(diff.closed()).isZero();
    assertThat(diff.truncated()).isFalse();
    assertThat(diff.changes())
        .allSatisfy(
            c -> {
              assertThat(c.src()).isEqualTo(GATEWAY);
              assertThat(c.opened()).isEqualTo("TCP 5432");
              assertThat(c.allowedBy())
                  .contains("payments/allow-gateway-out egress rule 1 (TCP 5432)");
            });

    Reachability.DiffView back = network.diff("beijing-prod", "HEAD", seeded, 1);
    assertThat(back.closed()).isEqualTo(diff.opened());
    assertThat(back.changes()).hasSize(1);
    assertThat(back.truncated()).isEqualTo(diff.opened() > 1);
    assertThat(back.changes().getFirst().previouslyAllowedBy())
        .contains("payments/allow-gateway-out egress rule 1 (TCP 5432)");
  }

  @Test
  void analysesEachCommitOnceHoweverManyAskAtOnce() throws Exception {
    List<Callable<Reachability.Report>> asks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      asks.add(() -> network.report("beijing-prod", seeded));
    }
    List<Reachability.Report> reports = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<Reachability.Report> f : pool.invokeAll(asks)) {
        reports.add(f.get());
      }
    }
    assertThat(reports).allSatisfy(r -> assertThat(r).isSameAs(reports.getFirst()));
    // The branch name and the commit id name one commit: one analysis.
    assertThat(network.report("beijing-prod", "main")).isSameAs(reports.getFirst());
    try (var left = Files.list(scratch)) {
      assertThat(left).as("exported trees are removed").isEmpty();
    }
  }

  @Test
  void refusesUnknownClustersRevisionsAndEndpointsBeforeComputingAnything() {
    assertRefused(() -> network.report("nowhere", null), Refusal.UNKNOWN_CLUSTER);
    assertRefused(() -> network.report("guangzhou-prod", null), Refusal.NOT_SYNCED);
    assertRefused(() -> network.report("beijing-prod", "no-such-branch"), Refusal.UNKNOWN_REVISION);
    assertRefused(() -> network.report("beijing-prod", "0".repeat(40)), Refusal.UNKNOWN_REVISION);
    assertRefused(() -> network.report("beijing-prod", "--output=/tmp/x"), Refusal.BAD_REVISION);
    assertRefused(() -> network.report("beijing-prod", "main extra"), Refusal.BAD_REVISION);
    assertRefused(() -> network.report("beijing-prod", "HEAD:fleet.yaml"), Refusal.BAD_REVISION);
    assertRefused(() -> network.report("beijing-prod", "a".repeat(201)), Refusal.BAD_REVISION);
    assertThat(scratch).as("nothing exported for a refused question").doesNotExist();
    assertRefused(
        () -> network.explain("beijing-prod", null, "payments/nobody", BILLING),
        Refusal.UNKNOWN_ENDPOINT);
    assertRefused(
        () -> network.explain("beijing-prod", null, null, BILLING), Refusal.UNKNOWN_ENDPOINT);
    assertRefused(() -> network.diff("beijing-prod", seeded, null, 10), Refusal.BAD_REVISION);
  }

  @Test
  void refusesAsBusyWhenEveryPermitIsTakenButStillAnswersFromTheCache() throws Exception {
    java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(1);
    List<ClusterTarget> targets = RepoClusters.in(repo.dir());
    NetworkReachability bounded =
        new NetworkReachability(
            repo.dir(),
            new Renderer(ManifestLimits.defaults(), new Kustomize(null)),
            scratch,
            new NetworkReachability.Clusters() {
              @Override
              public Optional<ClusterTarget> target(String name) {
                return targets.stream().filter(t -> t.name().equals(name)).findFirst();
              }

              @Override
              public Optional<String> syncedCommit(String name) {
                return Optional.of(seeded);
              }
            },
            ProtectedNamespaces.defaults(),
            permits,
            java.time.Duration.ofMillis(200));
    Reachability.Report cached = bounded.report("beijing-prod", seeded);
    String later = repo.write("bundles/payments/note.txt", "later\n").commit("A later commit");

    permits.acquire();
    try {
      assertRefused(() -> bounded.report("beijing-prod", later), Refusal.BUSY);
      assertThat(bounded.report("beijing-prod", seeded)).isSameAs(cached);
    } finally {
      permits.release();
    }
    // Busy is not remembered as the answer.
    assertThat(bounded.report("beijing-prod", later).commit()).isEqualTo(later);
    assertThat(permits.availablePermits()).isEqualTo(1);
  }

  @Test
  void refusesConfigurationThatCannotBeReadAndKeepsNoHalfAnalysis() {
    repo.write(
            "bundles/payments/broken.yaml",
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: broken
              namespace: payments
            spec:
              podSelector: {}
              ingress:
                - ports:
                    - protocol: TCP
                      port: 70000
            """)
        .commit("A port out of range");

    assertThatThrownBy(() -> network.report("beijing-prod", "HEAD"))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.refusal()).isEqualTo(Refusal.UNREADABLE);
              assertThat(e.getMessage()).contains("broken.yaml").contains("cannot be read");
            });
    // Refused again (not cached as an answer), and the good commit still answers.
    assertRefused(() -> network.report("beijing-prod", "HEAD"), Refusal.UNREADABLE);
    assertThat(network.report("beijing-prod", seeded).connections()).isNotEmpty();
  }

  private static void assertRefused(Runnable ask, Refusal refusal) {
    assertThatThrownBy(ask::run)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }
}
