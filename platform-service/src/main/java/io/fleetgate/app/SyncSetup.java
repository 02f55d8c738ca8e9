package io.fleetgate.app;

import io.fleetgate.anchor.HeadExport;
import io.fleetgate.apply.kube.KubeClusterWriters;
import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.domain.Deadlines;
import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.ClusterConnections;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeconfigPolicy;
import io.fleetgate.openreports.ReportPublisher;
import io.fleetgate.openreports.ReportPublishing;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.policy.PolicyEngines;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyGate;
import io.fleetgate.policy.opa.OpaLocator;
import io.fleetgate.policy.opaserver.OpaEndpoint;
import io.fleetgate.policy.opaserver.OpaServer;
import io.fleetgate.policy.opaserver.OpaServerEvaluator;
import io.fleetgate.policy.wasm.WasmPolicyEvaluator;
import io.fleetgate.render.Kustomize;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.Renderer;
import io.fleetgate.source.jgit.GitSource;
import io.fleetgate.source.jgit.SshAccess;
import io.fleetgate.store.sqlite.SqliteStore;
import io.fleetgate.sync.SyncEngine;
import io.fleetgate.tools.ToolCache;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires a {@link SyncEngine} for one repository and one management cluster, and owns what it opened
 * (the database, the policy engine, a supervised OPA server).
 */
public final class SyncSetup implements AutoCloseable {

  /** Which policy engine evaluates the bundle. */
  public enum Engine {
    WASM,
    OPA_SERVER
  }

  /**
   * @param branch the branch to sync; null to follow the remote's default branch (its HEAD)
   * @param opaUrl an external OPA server for {@link Engine#OPA_SERVER}; when null Fleetgate starts
   *     one with the pinned opa binary
   * @param opaTokenFile the bearer token the external OPA server requires, or null
   * @param opaCaFile the CA (PEM) an https OPA server's certificate is signed by, or null for the
   *     JDK's trust
   * @param deadlines how long a reconcile, a fetch, an evaluation and a kustomize run may take
   */
  public record Config(
      String repo,
      String branch,
      Path managementKubeconfig,
      Path dataDir,
      Engine engine,
      URI opaUrl,
      Path allowedSigners,
      String gitToken,
      Path sshKey,
      Path sshKnownHosts,
      Path opaTokenFile,
      Path opaCaFile,
      Deadlines deadlines) {

    public Config {
      deadlines = deadlines == null ? Deadlines.DEFAULTS : deadlines;
    }

    /** With the default deadlines. */
    public Config(
        String repo,
        String branch,
        Path managementKubeconfig,
        Path dataDir,
        Engine engine,
        URI opaUrl,
        Path allowedSigners,
        String gitToken,
        Path sshKey,
        Path sshKnownHosts,
        Path opaTokenFile,
        Path opaCaFile) {
      this(
          repo,
          branch,
          managementKubeconfig,
          dataDir,
          engine,
          opaUrl,
          allowedSigners,
          gitToken,
          sshKey,
          sshKnownHosts,
          opaTokenFile,
          opaCaFile,
          Deadlines.DEFAULTS);
    }

    /** With the deadlines given instead of the configured ones. */
    public Config withDeadlines(Deadlines given) {
      return new Config(
          repo,
          branch,
          managementKubeconfig,
          dataDir,
          engine,
          opaUrl,
          allowedSigners,
          gitToken,
          sshKey,
          sshKnownHosts,
          opaTokenFile,
          opaCaFile,
          given);
    }

    /** Without an external OPA server's token or CA. */
    public Config(
        String repo,
        String branch,
        Path managementKubeconfig,
        Path dataDir,
        Engine engine,
        URI opaUrl,
        Path allowedSigners,
        String gitToken,
        Path sshKey,
        Path sshKnownHosts) {
      this(
          repo,
          branch,
          managementKubeconfig,
          dataDir,
          engine,
          opaUrl,
          allowedSigners,
          gitToken,
          sshKey,
          sshKnownHosts,
          null,
          null);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
      return "Config["
          + repo
          + (branch == null ? " (remote default branch)" : "#" + branch)
          + ", "
          + dataDir
          + (gitToken == null ? "" : ", token ****")
          + "]";
    }

    /** Signed commits required when {@code allowedSigners} is set; no Git token. */
    public Config(
        String repo,
        String branch,
        Path managementKubeconfig,
        Path dataDir,
        Engine engine,
        URI opaUrl,
        Path allowedSigners) {
      this(
          repo,
          branch,
          managementKubeconfig,
          dataDir,
          engine,
          opaUrl,
          allowedSigners,
          null,
          null,
          null);
    }

    /** Without signature verification. */
    public Config(
        String repo,
        String branch,
        Path managementKubeconfig,
        Path dataDir,
        Engine engine,
        URI opaUrl) {
      this(repo, branch, managementKubeconfig, dataDir, engine, opaUrl, null, null, null, null);
    }
  }

  private static final String OPA_SERVER_ONLY =
      "the fleet repository has its own policies (policies/), which Fleetgate compiles into its"
          + " embedded Wasm engine; the OPA server engine evaluates only what is loaded into the"
          + " server: use the Wasm engine (the default) or load the policies into the server";

  private final SyncEngine engine;
  private final SqliteStore store;
  private final PolicyEngines evaluator;
  private final OpaServer opaServer;
  private final HeadExport heads;
  private final Path workingCopy;
  private final Renderer renderer;

  /**
   * The fleet as the management cluster holds it: its client, the clusters it declares, and a
   * reader of their nodes (with kubeconfigs from Secrets held to the strict policy).
   */
  public record Fleet(
      io.fleetgate.kube.ClusterApi management,
      io.fleetgate.cluster.ClusterDirectory directory,
      io.fleetgate.patch.NodeSource nodes) {}

  private final Fleet fleet;
  private final java.util.Optional<io.fleetgate.argocd.ArgoCd> argoCd;

  private SyncSetup(
      java.util.Optional<io.fleetgate.argocd.ArgoCd> argoCd,
      SyncEngine engine,
      SqliteStore store,
      PolicyEngines evaluator,
      OpaServer opaServer,
      HeadExport heads,
      Path workingCopy,
      Renderer renderer,
      Fleet fleet) {
    this.fleet = fleet;
    this.argoCd = argoCd;
    this.workingCopy = workingCopy;
    this.renderer = renderer;
    this.engine = engine;
    this.store = store;
    this.evaluator = evaluator;
    this.opaServer = opaServer;
    this.heads = heads;
  }

  /**
   * @throws IllegalArgumentException for bad input (a kubeconfig that cannot be read or is refused)
   * @throws PolicyException when the policy engine cannot start
   */
  public static SyncSetup open(Config config, Clock clock) throws PolicyException {
    return open(config, clock, null);
  }

  /**
   * @param argocd when not null, the {@code argocd} sync driver: applies go through Argo CD
   */
  public static SyncSetup open(Config config, Clock clock, ArgoCdDriver argocd)
      throws PolicyException {
    return open(config, clock, argocd, io.fleetgate.argocd.drive.Deliveries.NONE);
  }

  /**
   * @param argocd when not null, the {@code argocd} sync driver: applies go through Argo CD
   * @param deliveries told of each bundle delivered through Argo CD
   */
  public static SyncSetup open(
      Config config,
      Clock clock,
      ArgoCdDriver argocd,
      io.fleetgate.argocd.drive.Deliveries deliveries)
      throws PolicyException {
    KubeClients clients = new KubeClients(KubeconfigPolicy.strict());
    ClusterConnections connections = new ClusterConnections(clients);
    String kubeconfig;
    try {
      kubeconfig = Files.readString(config.managementKubeconfig());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the management kubeconfig "
              + config.managementKubeconfig()
              + ": "
              + e.getMessage(),
          e);
    }
    // The operator's own file may name local files; kubeconfigs from Secrets (clients) may not.
    var management =
        new KubeClients(KubeconfigPolicy.operatorFile())
            .api(new Kubeconfig(config.managementKubeconfig().toString(), kubeconfig));
    io.fleetgate.files.OwnerOnly.directory(config.dataDir());
    HeadExport heads = HeadExport.inDataDirectory(config.dataDir(), clock);
    SqliteStore store = SqliteStore.open(config.dataDir(), clock);
    OpaServer server = null;
    PolicyEngines evaluator;
    try {
      if (config.engine() == Engine.WASM) {
        evaluator =
            new PolicyEngines(
                WasmPolicyEvaluator.of(PolicyBundle.builtIn(), config.deadlines()),
                OpaLocator.compiler(config.dataDir().resolve(OpaLocator.CACHE_DIRECTORY)),
                bundle -> WasmPolicyEvaluator.of(bundle, config.deadlines()));
      } else if (config.opaUrl() != null) {
        evaluator =
            PolicyEngines.builtInOnly(
                new OpaServerEvaluator(
                    OpaEndpoint.external(
                        config.opaUrl(), config.opaTokenFile(), config.opaCaFile()),
                    config.deadlines()),
                OPA_SERVER_ONLY);
      } else {
        server =
            OpaServer.start(
                ToolCache.locate().executable("opa"),
                PolicyBundle.builtInRego(),
                config.dataDir().resolve("opa"));
        evaluator =
            PolicyEngines.builtInOnly(
                new OpaServerEvaluator(server.endpoint(), config.deadlines()), OPA_SERVER_ONLY);
      }
    } catch (PolicyException | RuntimeException e) {
      store.close();
      throw e;
    }
    GitSource source =
        new GitSource(
            GitSource.remoteOf(config.repo()),
            config.branch(),
            config.dataDir(),
            config.allowedSigners(),
            config.gitToken(),
            config.sshKey() == null ? null : new SshAccess(config.sshKey(), config.sshKnownHosts()),
            config.deadlines().fetch());
    Renderer renderer =
        new Renderer(
            ManifestLimits.defaults(), new Kustomize(kustomize(), config.deadlines().kustomize()));
    io.fleetgate.apply.ClusterWriters writers;
    io.fleetgate.argocd.rest.RestArgoCd argo = null;
    try {
      if (argocd == null) {
        writers = new KubeClusterWriters(connections);
      } else {
        argo = argocd.connect();
        writers =
            argocd.writers(
                new KubeClusterWriters(connections), argo, config.dataDir(), clock, deliveries);
      }
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      store.close();
      throw e;
    }
    SyncEngine engine =
        new SyncEngine(
            new SyncEngine.Parts(
                source,
                new CapiClusterDirectory(management),
                renderer,
                new PolicyGate(evaluator),
                writers,
                store,
                store,
                store,
                clock,
                ReportPublishing.to(
                    new ReportPublisher(connections, clock), PolicyCatalog.builtIn()),
                retention(),
                config.deadlines().reconcile()));
    return new SyncSetup(
        java.util.Optional.ofNullable(argo),
        engine,
        store,
        evaluator,
        server,
        heads,
        source.worktree(),
        renderer,
        new Fleet(
            management,
            new CapiClusterDirectory(management),
            new io.fleetgate.patch.kube.KubeNodeSource(clients)));
  }

  /**
   * How long run records are kept: {@code FLEETGATE_RETENTION_DAYS}, or 400 days.
   *
   * @throws IllegalArgumentException naming the variable when it is not a positive number
   */
  static Duration retention() {
    String days = System.getenv("FLEETGATE_RETENTION_DAYS");
    if (days == null || days.isBlank()) {
      return SyncEngine.Parts.DEFAULT_RETENTION;
    }
    try {
      long value = Long.parseLong(days.strip());
      if (value > 0) {
        return Duration.ofDays(value);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "FLEETGATE_RETENTION_DAYS must be a whole number of days above 0, not '" + days + "'");
  }

  /**
   * The pinned kustomize, or null when the tool cache has none (kustomizations are then reported).
   */
  private static Path kustomize() {
    try {
      return ToolCache.locate().executable("kustomize");
    } catch (io.fleetgate.tools.ToolException e) {
      return null;
    }
  }

  public SyncEngine engine() {
    return engine;
  }

  /** The clone of the fleet repository that syncs fetch into. */
  public Path workingCopy() {
    return workingCopy;
  }

  /** The renderer syncs use. */
  public Renderer renderer() {
    return renderer;
  }

  /**
   * One sync, then the audit chain's head exported ({@code DATA_DIR/audit-head.json} and the log)
   * unless it was a dry run.
   */
  public io.fleetgate.sync.SyncReport syncOnce(io.fleetgate.sync.SyncOptions options)
      throws io.fleetgate.source.SourceException {
    io.fleetgate.sync.SyncReport report = engine.syncOnce(options);
    if (!options.dryRun()) {
      try {
        heads.export(store);
      } catch (java.io.UncheckedIOException e) {
        // The run is recorded; only its anchor is missing. Say so loudly, but keep syncing.
        org.slf4j.LoggerFactory.getLogger(SyncSetup.class)
            .error("Cannot export the audit chain's head: {}", e.getMessage());
      }
    }
    return report;
  }

  /** Where each run's audit head is written. */
  public java.nio.file.Path headFile() {
    return heads.file();
  }

  public Fleet fleet() {
    return fleet;
  }

  /** The Argo CD the {@code argocd} driver syncs through; empty for Fleetgate's own writer. */
  public java.util.Optional<io.fleetgate.argocd.ArgoCd> argoCd() {
    return argoCd;
  }

  public SqliteStore store() {
    return store;
  }

  @Override
  public void close() {
    evaluator.close();
    if (opaServer != null) {
      opaServer.close();
    }
    store.close();
  }
}
