package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.app.SyncSetup;
import io.fleetgate.domain.Deadlines;
import io.fleetgate.testing.FleetRepo;
import io.fleetgate.testing.SandboxFleetHandle;
import io.fleetgate.testing.SandboxFleetTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workload kube-apiserver frozen with SIGSTOP — it accepts connections and never answers — holds
 * neither the other clusters nor the run past the reconcile deadline, and syncs again once it is
 * thawed.
 */
@SandboxFleetTest(dedicated = true, clusters = 2)
class FrozenApiServerIT {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** The deadline, with its allowance for the few objects of the seeded fleet. */
  private static final String BUDGET =
      "[0-9]+ (s|ms) \\(10 s and 50 ms for each of its [0-9]+ objects\\)";

  /** What a loaded two-core machine may add to the deadline and the cut-off's grace period. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  @Test
  void aFrozenApiServerHoldsNeitherTheOthersNorTheLoopPastItsDeadline(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    List<String> clusters = sandbox.workloadClusters();
    String frozen = clusters.get(0);
    String other = clusters.get(1);
    SyncSetup.Config config =
        new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                sandbox.managementKubeconfig(),
                work.resolve("data"),
                SyncSetup.Engine.WASM,
                null)
            .withDeadlines(Deadlines.DEFAULTS.withReconcile(DEADLINE));
    ProcessHandle apiserver = sandbox.fleet().process(frozen).orElseThrow();

    try (SyncSetup setup = SyncSetup.open(config, Clock.systemUTC())) {
      SyncReport healthy = setup.syncOnce(SyncOptions.all());
      assertThat(outcome(healthy, frozen).word()).as(describe(healthy)).isEqualTo("synced");

      signal("STOP", apiserver);
      try {
        for (int round = 1; round <= 2; round++) {
          change(repo, round);
          long started = System.nanoTime();
          SyncReport report = setup.syncOnce(SyncOptions.all());
          Duration took = Duration.ofNanos(System.nanoTime() - started);

          assertThat(outcome(report, other).word()).as(describe(report)).isEqualTo("synced");
          ClusterOutcome cut = outcome(report, frozen);
          assertThat(cut).as(describe(report)).isInstanceOf(ClusterOutcome.Unreachable.class);
          assertThat(took)
              .as("round %d: %s", round, describe(report))
              .isLessThan(allowed(((ClusterOutcome.Unreachable) cut).reason()));
          assertThat(((ClusterOutcome.Unreachable) cut).reason())
              .matches(
                  "the reconcile passed its deadline of "
                      + BUDGET
                      + " in the (plan|apply|observe) phase; its calls to the cluster were cut"
                      + " off");
        }
        assertThat(setup.store().verify().intact()).isTrue();

        // A plan (GET …/plan, fleetgate diff) is held to the same deadline.
        change(repo, 9);
        long started = System.nanoTime();
        var planning =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return setup
                        .engine()
                        .plan(new SyncOptions(java.util.Optional.empty(), true, false));
                  } catch (io.fleetgate.source.SourceException e) {
                    throw new IllegalStateException(e);
                  }
                },
                task -> Thread.ofVirtual().start(task));
        // Without a deadline, each call waits out its own 60 s call deadline, one after another.
        List<ClusterPlan> plans = planning.get(60, java.util.concurrent.TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(allowed(plan(plans, frozen).unreachable()));
        assertThat(plan(plans, frozen).unreachable())
            .matches(
                "the reconcile passed its deadline of "
                    + BUDGET
                    + " in the plan phase; its calls to the cluster were cut off");
        assertThat(plan(plans, other).unreachable()).isEmpty();
        assertThat(plan(plans, other).changes())
            .anySatisfy(change -> assertThat(change.toString()).contains("round-9"));
      } finally {
        signal("CONT", apiserver);
      }

      change(repo, 3);
      SyncReport thawed = setup.syncOnce(SyncOptions.all());
      assertThat(outcome(thawed, frozen).word()).as(describe(thawed)).isEqualTo("synced");
      assertThat(outcome(thawed, other).word()).as(describe(thawed)).isEqualTo("synced");
      assertThat(sandbox.cluster(frozen).get(CONFIG_MAP, "ingress", "round-3")).isPresent();
    }
  }

  /**
   * A server frozen in the middle of an apply: the run ends at the budget with one closing row per
   * cluster, every object on the cluster is in the inventory and the audit log (none but those in
   * flight at the cut, which the server takes up when it is thawed), and nothing arrives after.
   */
  @Test
  void aServerFrozenDuringAnApplyIsCutOffWithEveryWriteRecordedAndNoneAfter(
      SandboxFleetHandle sandbox, @TempDir Path work) throws Exception {
    FleetRepo repo = FleetRepo.seed(work.resolve("fleet"));
    List<String> clusters = sandbox.workloadClusters();
    String frozen = clusters.get(0);
    SyncSetup.Config config =
        new SyncSetup.Config(
                repo.dir().toString(),
                "main",
                sandbox.managementKubeconfig(),
                work.resolve("data"),
                SyncSetup.Engine.WASM,
                null)
            .withDeadlines(Deadlines.DEFAULTS.withReconcile(DEADLINE));
    ProcessHandle apiserver = sandbox.fleet().process(frozen).orElseThrow();
    io.fleetgate.kube.ClusterApi admin = sandbox.cluster(frozen);

    try (SyncSetup setup = SyncSetup.open(config, Clock.systemUTC())) {
      assertThat(outcome(setup.syncOnce(SyncOptions.all()), frozen).word()).isEqualTo("synced");
      StringBuilder bulk = new StringBuilder();
      for (int i = 0; i < BULK; i++) {
        bulk.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bulk-")
            .append(i)
            .append("\n  namespace: ingress\ndata:\n  i: \"")
            .append(i)
            .append("\"\n");
      }
      repo.write("bundles/baseline/bulk.yaml", bulk.toString()).commit("Bulk");
      long before = setup.store().head().rows();

      var syncing =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return setup.syncOnce(SyncOptions.all());
                } catch (io.fleetgate.source.SourceException e) {
                  throw new IllegalStateException(e);
                }
              },
              task -> Thread.ofVirtual().start(task));
      long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (bulkOn(admin).isEmpty()) {
        assertThat(syncing).as("the sync ended before its apply was seen").isNotDone();
        assertThat(System.nanoTime() - until).as("no bulk object within 120 s").isNegative();
        Thread.sleep(20);
      }
      signal("STOP", apiserver);
      SyncReport report;
      try {
        report = syncing.get(5, java.util.concurrent.TimeUnit.MINUTES);
      } finally {
        signal("CONT", apiserver);
      }

      ClusterOutcome cut = outcome(report, frozen);
      assertThat(cut).as(describe(report)).isInstanceOf(ClusterOutcome.Unreachable.class);
      assertThat(((ClusterOutcome.Unreachable) cut).reason())
          .as("cut while applying")
          .matches("the reconcile passed its deadline of " + BUDGET + " in the apply phase; .*");

      // What the server had taken before it froze is all it ever gets: nothing comes later.
      Thread.sleep(3_000);
      java.util.Set<String> live = bulkOn(admin);
      Thread.sleep(3_000);
      assertThat(bulkOn(admin)).as("written after the cut").isEqualTo(live);
      assertThat(live).as("applied before the freeze").isNotEmpty().hasSizeLessThan(BULK);

      var rows = setup.store().entries(before, 1_000_000);
      assertThat(rows.stream().filter(r -> r.event().kind().equals("sync")))
          .as("one closing row per cluster")
          .extracting(r -> r.event().cluster())
          .containsExactlyInAnyOrderElementsOf(clusters);
      java.util.Set<String> audited = new java.util.TreeSet<>();
      for (var row : rows) {
        if (row.event().kind().equals("apply")
            && row.event().decision().equals("applied")
            && row.event().cluster().equals(frozen)
            && row.event().object().contains("bulk-")) {
          audited.add(row.event().object().replaceAll(".*/", ""));
        }
      }
      // A write in flight at the cut, cancelled after its drain, may still be carried out when
      // the server is thawed (ADR 20): at most the calls the writer keeps in flight.
      java.util.Set<String> unrecorded = new java.util.TreeSet<>(live);
      unrecorded.removeAll(audited);
      assertThat(unrecorded)
          .as("on the cluster, not in the audit log")
          .hasSizeLessThanOrEqualTo(16);
      assertThat(live).as("in the audit log, not on the cluster").containsAll(audited);
      assertThat(setup.store().verify().intact()).isTrue();
    }
  }

  private static final int BULK = 600;

  private static java.util.Set<String> bulkOn(io.fleetgate.kube.ClusterApi api) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (var object : api.list(CONFIG_MAP)) {
      if (object.name().startsWith("bulk-")) {
        names.add(object.name());
      }
    }
    return names;
  }

  private static final io.fleetgate.kube.GroupVersionKind CONFIG_MAP =
      new io.fleetgate.kube.GroupVersionKind("", "v1", "ConfigMap");

  /** A commit that gives every cluster something to apply, so each sync has to reach it. */
  private static void change(FleetRepo repo, int round) {
    repo.write(
            "bundles/baseline/round-" + round + ".yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: round-"
                + round
                + "\n  namespace: ingress\ndata:\n  round: \""
                + round
                + "\"\n")
        .commit("Round " + round);
  }

  private static void signal(String signal, ProcessHandle process) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
            .redirectErrorStream(true)
            .start();
    String said = new String(kill.getInputStream().readAllBytes());
    assertThat(kill.waitFor()).as("kill -%s: %s", signal, said).isZero();
  }

  /** How long a cut-off reconcile may have taken: its budget, the grace period and the slack. */
  private static Duration allowed(String reason) {
    var objects =
        java.util.regex.Pattern.compile("for each of its ([0-9]+) objects").matcher(reason);
    assertThat(objects.find()).as(reason).isTrue();
    return DEADLINE
        .plus(ClusterScope.PER_OBJECT.multipliedBy(Long.parseLong(objects.group(1))))
        .plus(ClusterRuns.GRACE)
        .plus(SLACK);
  }

  private static ClusterPlan plan(List<ClusterPlan> plans, String cluster) {
    return plans.stream().filter(p -> p.cluster().equals(cluster)).findFirst().orElseThrow();
  }

  private static ClusterOutcome outcome(SyncReport report, String cluster) {
    return report.outcomes().stream()
        .filter(o -> o.cluster().equals(cluster))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no outcome for " + cluster + ": " + describe(report)));
  }

  private static String describe(SyncReport report) {
    StringBuilder text = new StringBuilder();
    for (ClusterOutcome outcome : report.outcomes()) {
      text.append(outcome.cluster())
          .append(' ')
          .append(outcome.word())
          .append(": ")
          .append(SyncReports.summary(outcome))
          .append('\n');
    }
    return text.toString();
  }
}
