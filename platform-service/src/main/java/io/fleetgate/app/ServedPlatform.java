package io.fleetgate.app;

import io.fleetgate.api.FleetView;
import io.fleetgate.api.PlatformApi;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The platform as {@code fleetgate serve} runs it, behind the API: the fleet's status, the
 * compliance records and the repository view, each its own class.
 */
public final class ServedPlatform implements PlatformApi {

  /** Plans a sync of one cluster without changing anything. */
  @FunctionalInterface
  public interface Planner {
    List<io.fleetgate.sync.ClusterPlan> plan(String cluster) throws Exception;
  }

  /**
   * What reachability questions are answered from: the clone syncs fetch into and the renderer they
   * use.
   */
  public record Network(Path workingCopy, io.fleetgate.render.Renderer renderer) {}

  private final Optional<io.fleetgate.argocd.status.ClusterApplications> argoCd;
  private final FleetStatus fleet;
  private final NetworkReachability network;
  private final SloMonitor slos;
  private final ComplianceRecords records;
  private final RepositoryView repository;
  private final Consumer<String> refresh;
  private final RolloutService rollouts;

  /**
   * What rollouts are run from: the synced revision's rollouts, and the management cluster.
   *
   * @param nodeTimeout how long a node on its new levels may stay not Ready before its cluster's
   *     patch fails
   */
  public record Rollouts(
      java.util.function.Supplier<RolloutService.Source> source,
      SyncSetup.Fleet fleet,
      Duration nodeTimeout) {}

  /**
   * @param refresh asks the sync loop for a sync now, with a reason for the log
   */
  public ServedPlatform(
      SqliteStore store,
      Path dataDir,
      FleetView fleet,
      Consumer<String> refresh,
      java.util.function.Supplier<Optional<io.fleetgate.render.LoadedRepo>> loaded,
      Planner planner,
      String repository,
      PolicyCatalog catalog,
      Network network,
      Rollouts rollouts,
      Optional<io.fleetgate.argocd.status.ClusterApplications> argoCd,
      Clock clock) {
    this.argoCd = argoCd;
    this.fleet = new FleetStatus(store, fleet, planner, clock);
    this.network =
        new NetworkReachability(
            network.workingCopy(),
            network.renderer(),
            dataDir.resolve("netpol"),
            new NetworkReachability.Clusters() {
              @Override
              public Optional<io.fleetgate.domain.ClusterTarget> target(String name) {
                return ServedPlatform.this.target(name);
              }

              @Override
              public Optional<String> syncedCommit(String name) {
                return ServedPlatform.this.fleet.clusters().stream()
                    .filter(s -> s.cluster().name().equals(name) && !"never".equals(s.outcome()))
                    .map(ClusterState::commit)
                    .findFirst();
              }
            },
            io.fleetgate.netpol.ProtectedNamespaces.defaults());
    this.repository = new RepositoryView(store, loaded, repository, this.fleet, clock);
    this.refresh = refresh;
    this.slos =
        new SloMonitor(
            loaded,
            () -> this.fleet.snapshot().clusters(),
            store,
            clock,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5));
    this.rollouts =
        new RolloutService(
            rollouts.source(),
            rollouts.fleet(),
            store.rollouts(),
            slos,
            this.fleet,
            clock,
            rollouts.nodeTimeout());
    this.records =
        new ComplianceRecords(
            store,
            dataDir,
            catalog,
            clock,
            request ->
                this.rollouts.reportMatrix(
                    request.patchTargetRollout(),
                    request.patchKubernetesVersion(),
                    request.patchKernel(),
                    request.patchOsImage()));
  }

  /** One step of every rollout in motion (the platform's loop calls it). */
  public void stepRollouts() {
    rollouts.tick();
  }

  @Override
  public io.fleetgate.api.RolloutStatus.Board rollouts() {
    return rollouts.board();
  }

  @Override
  public io.fleetgate.api.RolloutStatus.CommandResult rolloutCommand(
      String rollout,
      io.fleetgate.api.RolloutStatus.Command command,
      String user,
      List<String> groups) {
    return rollouts.command(rollout, command, user, groups);
  }

  @Override
  public io.fleetgate.api.RolloutStatus.CommandResult rolloutCommand(
      String rollout,
      io.fleetgate.api.RolloutStatus.Command command,
      Optional<String> wave,
      String user,
      List<String> groups) {
    return rollouts.command(rollout, command, wave, user, groups);
  }

  @Override
  public io.fleetgate.api.RolloutStatus.Matrix patchMatrix(
      String rollout, String kubernetesVersion, String kernelVersion, String osImage) {
    return rollouts.matrix(rollout, kubernetesVersion, kernelVersion, osImage);
  }

  /** Reads the SLOs now unless they were read within the last 30 s (the platform's loop does). */
  public void readSlos() {
    slos.status();
  }

  @Override
  public io.fleetgate.api.SloStatus.Report slos() {
    return slos.status();
  }

  @Override
  public io.fleetgate.api.SloStatus.History sloHistory(
      String service, String slo, String cluster, Instant from, Instant to, int points) {
    return slos.history(service, slo, cluster, from, to, points);
  }

  @Override
  public List<ClusterState> clusters() {
    return fleet.clusters();
  }

  @Override
  public Optional<ClusterDetail> cluster(String name) {
    return fleet.cluster(name);
  }

  @Override
  public Optional<io.fleetgate.api.ArgoCdStatus.Report> argoCd(String cluster) {
    return target(cluster)
        .map(
            target ->
                argoCd
                    .map(reader -> reader.of(target))
                    .orElseGet(() -> io.fleetgate.api.ArgoCdStatus.Report.notDriven(cluster)));
  }

  /** The discovered cluster of that name, as the fleet snapshot holds it. */
  private Optional<io.fleetgate.domain.ClusterTarget> target(String name) {
    return fleet.snapshot().clusters().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .map(
            c ->
                new io.fleetgate.domain.ClusterTarget(
                    c.namespace(),
                    c.name(),
                    c.labels(),
                    io.fleetgate.domain.ClusterPhase.parse(c.phase())));
  }

  @Override
  public ClusterPlanView plan(String cluster) throws Exception {
    return fleet.plan(cluster);
  }

  @Override
  public io.fleetgate.api.Reachability.Report reachability(String cluster, String revision) {
    return network.report(cluster, revision);
  }

  @Override
  public io.fleetgate.api.Reachability.ExplanationView explainReachability(
      String cluster, String revision, String src, String dst) {
    return network.explain(cluster, revision, src, dst);
  }

  @Override
  public io.fleetgate.api.Reachability.DiffView reachabilityDiff(
      String cluster, String from, String to, int limit) {
    return network.diff(cluster, from, to, limit);
  }

  @Override
  public Optional<RunView> latestRun() {
    return records.latestRun();
  }

  @Override
  public List<FindingView> findings(Instant since, String cluster, String control, int limit) {
    return records.findings(since, cluster, control, limit);
  }

  @Override
  public List<AuditRow> audit(long afterSequence, int limit) {
    return records.audit(afterSequence, limit);
  }

  @Override
  public ChainView verifyAudit() {
    return records.verifyAudit();
  }

  @Override
  public ReportFile generateReport(ReportRequest request) throws IOException {
    return records.generateReport(request);
  }

  @Override
  public Optional<ReportFile> report(String id) {
    return records.report(id);
  }

  @Override
  public void refresh(String reason) {
    refresh.accept(reason);
  }

  @Override
  public String repository() {
    return repository.repository();
  }

  @Override
  public List<RevisionView> revisions(int limit) {
    return repository.revisions(limit);
  }

  @Override
  public List<BundleView> bundles() {
    return repository.bundles();
  }

  @Override
  public List<WaiverView> waivers() {
    return repository.waivers();
  }
}
