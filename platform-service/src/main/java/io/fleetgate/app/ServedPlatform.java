package io.fleetgate.app;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.FleetView;
import io.fleetgate.api.PlatformApi;
import io.fleetgate.audit.AuditEntry;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.report.AuditReportFormat;
import io.fleetgate.report.ComplianceReport;
import io.fleetgate.report.ReportBuilder;
import io.fleetgate.store.SyncRuns;
import io.fleetgate.store.sqlite.SqliteStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The platform as {@code fleetgate serve} runs it: its records, its fleet and its sync loop. */
public final class ServedPlatform implements PlatformApi {

  private final SqliteStore store;
  private final Path dataDir;
  private final FleetView fleet;
  private final Consumer<String> refresh;
  private final Planner planner;

  /** Plans a sync of one cluster without changing anything. */
  @FunctionalInterface
  public interface Planner {
    List<io.fleetgate.sync.ClusterPlan> plan(String cluster) throws Exception;
  }

  private final java.util.function.Supplier<Optional<io.fleetgate.render.LoadedRepo>> repository;
  private final String repositoryUrl;
  private final PolicyCatalog catalog;
  private final Clock clock;
  private final Map<String, ReportFile> reports = new ConcurrentHashMap<>();

  /** How long a fleet probe answers every client before the clusters are probed again. */
  static final java.time.Duration SNAPSHOT_TTL = java.time.Duration.ofSeconds(2);

  private volatile io.fleetgate.api.FleetSnapshot snapshot;
  private final java.util.concurrent.atomic.AtomicBoolean probing =
      new java.util.concurrent.atomic.AtomicBoolean();

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
      Clock clock) {
    this.store = store;
    this.dataDir = dataDir;
    this.fleet = fleet;
    this.refresh = refresh;
    this.repository = loaded;
    this.planner = planner;
    this.repositoryUrl = repository;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Override
  public List<ClusterState> clusters() {
    Map<String, SyncRuns.ClusterResult> results = new java.util.HashMap<>();
    store.latestResults().forEach(r -> results.put(r.cluster(), r));
    // Results are keyed by namespace/name of the cluster's Cluster API object.
    String commit = store.latestRun().map(SyncRuns.Run::commit).orElse("");
    List<ClusterState> states = new ArrayList<>();
    for (ClusterSummary cluster : snapshot().clusters()) {
      SyncRuns.ClusterResult result = results.get(key(cluster));
      states.add(
          result == null
              ? new ClusterState(cluster, "never", "", 0, 0, 0, 0, 0, 0, "")
              : state(cluster, result, commit));
    }
    return states;
  }

  private ClusterState state(ClusterSummary cluster, SyncRuns.ClusterResult result, String commit) {
    int violations = 0;
    int drifted = 0;
    for (SyncRuns.ObjectRecord record : store.latestObjects(key(cluster))) {
      switch (record.action()) {
        case "denied", "invalid" -> violations++;
        case "drifted" -> drifted++;
        default -> {}
      }
    }
    return new ClusterState(
        cluster,
        result.outcome(),
        commit,
        result.applied(),
        result.unchanged(),
        result.pruned(),
        result.failed(),
        violations,
        drifted,
        result.detail());
  }

  /**
   * The fleet as probed recently: once a probe older than {@link #SNAPSHOT_TTL} is asked for, it is
   * still answered while one background probe replaces it, so many clients polling the API cost one
   * probe of each cluster and never wait for one (except the very first).
   */
  private io.fleetgate.api.FleetSnapshot snapshot() {
    io.fleetgate.api.FleetSnapshot known = snapshot;
    if (known == null) {
      synchronized (this) {
        if (snapshot == null) {
          snapshot = fleet.snapshot();
        }
        return snapshot;
      }
    }
    if (known.takenAt().plus(SNAPSHOT_TTL).isBefore(clock.instant())
        && probing.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .name("fleetgate-fleet-probe")
          .start(
              () -> {
                try {
                  snapshot = fleet.snapshot();
                } finally {
                  probing.set(false);
                }
              });
    }
    return known;
  }

  private static String key(ClusterSummary cluster) {
    return cluster.namespace() + "/" + cluster.name();
  }

  @Override
  public Optional<ClusterDetail> cluster(String name) {
    return clusters().stream()
        .filter(s -> s.cluster().name().equals(name))
        .findFirst()
        .map(
            state -> {
              String key = key(state.cluster());
              SyncRuns.Observed observed = store.latestObservation(key);
              return new ClusterDetail(
                  state,
                  store.latestObjects(key).stream()
                      .map(
                          o ->
                              new ObjectChange(
                                  o.object(), o.bundle(), o.source(), o.action(), o.detail()))
                      .toList(),
                  observed.health().stream()
                      .map(
                          h ->
                              new ObjectHealthView(
                                  h.object(),
                                  h.source(),
                                  h.status().toUpperCase(Locale.ROOT),
                                  h.message()))
                      .toList(),
                  observed.events().stream()
                      .map(e -> new ObjectEventView(e.object(), e.reason(), e.message(), e.count()))
                      .toList());
            });
  }

  @Override
  public ClusterPlanView plan(String cluster) throws Exception {
    var plans = planner.plan(cluster);
    var plan =
        plans.stream()
            .filter(p -> p.cluster().equals(cluster))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no cluster named '" + cluster + "'"));
    List<PlannedObject> objects = new ArrayList<>();
    for (var verdict : plan.gate().denials()) {
      objects.add(
          new PlannedObject(
              verdict.object().ref().toString(),
              verdict.object().bundle(),
              verdict.object().source().toString(),
              "denied",
              verdict.decision().denials().stream().map(Object::toString).toList()));
    }
    for (var change : plan.changes()) {
      objects.add(
          new PlannedObject(
              change.ref().toString(),
              change.bundle(),
              change.source(),
              change.change().name().toLowerCase(Locale.ROOT),
              change.diff()));
    }
    return new ClusterPlanView(
        cluster,
        store.latestRun().map(SyncRuns.Run::commit).orElse(""),
        plan.problems().stream().map(Object::toString).toList(),
        plan.unreachable(),
        objects);
  }

  @Override
  public Optional<RunView> latestRun() {
    return store
        .latestRun()
        .map(
            run ->
                new RunView(
                    run.id(),
                    run.started(),
                    run.finished().orElse(""),
                    run.commit(),
                    run.stale(),
                    run.source(),
                    store.latestResults().stream()
                        .map(
                            r ->
                                new ClusterResultView(
                                    r.cluster(),
                                    r.outcome(),
                                    r.applied(),
                                    r.unchanged(),
                                    r.pruned(),
                                    r.failed(),
                                    r.detail()))
                        .toList()));
  }

  @Override
  public List<FindingView> findings(Instant since, String cluster, String control, int limit) {
    java.util.ArrayDeque<FindingView> newest = new java.util.ArrayDeque<>(limit);
    new ReportBuilder(store.history(), NO_VERIFY, catalog)
        .build(
            new ComplianceReport.Scope(
                since, clock.instant().plusSeconds(1), cluster, control, clock.instant()),
            e -> {
              if (control != null && !e.controls().contains(control)) {
                return;
              }
              if (newest.size() == limit) {
                newest.removeFirst();
              }
              newest.addLast(
                  new FindingView(
                      e.time(),
                      e.commit(),
                      e.author(),
                      e.cluster(),
                      e.object(),
                      e.source(),
                      e.policy(),
                      e.controls(),
                      e.severity(),
                      e.decision(),
                      e.message()));
            });
    List<FindingView> list = new ArrayList<>(newest);
    java.util.Collections.reverse(list);
    return list;
  }

  @Override
  public List<AuditRow> audit(long afterSequence, int limit) {
    List<AuditRow> rows = new ArrayList<>();
    for (AuditEntry entry : store.entries(afterSequence, limit)) {
      var e = entry.event();
      rows.add(
          new AuditRow(
              entry.sequence(),
              entry.time(),
              e.kind(),
              e.cluster(),
              e.bundle(),
              e.commit(),
              e.object(),
              e.decision(),
              e.detail(),
              entry.hash()));
    }
    return rows;
  }

  @Override
  public ChainView verifyAudit() {
    AuditLog.Verification v = store.verify();
    return new ChainView(v.intact(), v.rows(), v.head(), v.brokenAt(), v.reason());
  }

  @Override
  public void refresh(String reason) {
    refresh.accept(reason);
  }

  @Override
  public String repository() {
    return repositoryUrl;
  }

  @Override
  public List<RevisionView> revisions(int limit) {
    return store.revisions(limit).stream()
        .map(r -> new RevisionView(r.commit(), r.author(), r.time(), r.message()))
        .toList();
  }

  @Override
  public List<BundleView> bundles() {
    var loaded = repository.get();
    if (loaded.isEmpty() || loaded.get().spec() == null) {
      return List.of();
    }
    List<ClusterSummary> clusters = snapshot().clusters();
    List<BundleView> bundles = new ArrayList<>();
    for (var bundle : loaded.get().spec().bundles()) {
      bundles.add(
          new BundleView(
              bundle.name(),
              bundle.path(),
              describe(bundle.clusterSelector()),
              bundle.namespaces(),
              bundle.prune(),
              bundle.selfHeal(),
              bundle.force(),
              clusters.stream()
                  .filter(c -> bundle.clusterSelector().matches(c.labels()))
                  .map(ClusterSummary::name)
                  .toList()));
    }
    return bundles;
  }

  @Override
  public List<WaiverView> waivers() {
    var today = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    return repository
        .get()
        .map(
            loaded ->
                loaded.waivers().waivers().stream()
                    .map(
                        w ->
                            new WaiverView(
                                w.policy(),
                                w.object(),
                                w.clusters(),
                                w.owner(),
                                w.reason(),
                                w.expires().toString(),
                                w.activeOn(today),
                                w.declaredAt().toString()))
                    .toList())
        .orElse(List.of());
  }

  private static String describe(io.fleetgate.domain.LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    selector.matchLabels().forEach((k, v) -> parts.add(k + "=" + v));
    for (var r : selector.matchExpressions()) {
      parts.add(
          r.key()
              + " "
              + r.operator().name().toLowerCase(Locale.ROOT)
              + (r.values().isEmpty() ? "" : " (" + String.join(", ", r.values()) + ")"));
    }
    return parts.isEmpty() ? "every cluster" : String.join(", ", parts);
  }

  @Override
  public ReportFile generateReport(ReportRequest request) throws IOException {
    AuditReportFormat format = AuditReportFormat.parse(request.format());
    Instant to = request.to() == null ? clock.instant() : request.to();
    Instant from =
        request.from() == null ? to.minus(java.time.Duration.ofDays(30)) : request.from();
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    String id = UUID.randomUUID().toString();
    Path dir = dataDir.resolve("reports");
    Files.createDirectories(dir);
    Path file = dir.resolve(id + "." + extension(format));
    AuditReportFormat.Written written;
    try (SqliteStore verifier = SqliteStore.open(dataDir, clock);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      written =
          format.build(
              new ReportBuilder(store.history(), verifier, catalog),
              new ComplianceReport.Scope(
                  from, to, request.cluster(), request.control(), clock.instant()),
              out);
    }
    ReportFile report =
        new ReportFile(
            id,
            format.name().toLowerCase(Locale.ROOT),
            file,
            Files.size(file),
            written.findings(),
            written.report().chain().intact());
    reports.put(id, report);
    prune(dir);
    return report;
  }

  @Override
  public Optional<ReportFile> report(String id) {
    return Optional.ofNullable(reports.get(id)).filter(r -> Files.isRegularFile(r.file()));
  }

  /** Keeps the 20 newest report files. */
  private void prune(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> old =
          files
              .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed())
              .skip(20)
              .toList();
      for (Path path : old) {
        Files.deleteIfExists(path);
        reports.values().removeIf(r -> r.file().equals(path));
      }
    }
  }

  private static String extension(AuditReportFormat format) {
    return switch (format) {
      case OPENREPORTS -> "yaml";
      case JUNIT -> "xml";
      default -> format.name().toLowerCase(Locale.ROOT);
    };
  }

  /** Listing findings needs no chain verification. */
  private static final AuditLog NO_VERIFY =
      new AuditLog() {
        @Override
        public List<AuditEntry> append(List<io.fleetgate.audit.AuditEvent> events) {
          throw new UnsupportedOperationException("read-only");
        }

        @Override
        public Verification verify() {
          return new Verification(0, "", 0, "");
        }
      };
}
