package io.fleetgate.app;

import io.fleetgate.auth.Tokens;
import io.fleetgate.events.EventLog;
import io.fleetgate.events.SyncEvents;
import io.fleetgate.httpapi.ApiServer;
import io.fleetgate.httpapi.ApiSettings;
import io.fleetgate.policy.PolicyCatalog;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.sync.SyncLoop;
import io.fleetgate.sync.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code fleetgate serve} assembled: the sync loop, the events it produces, and the API server in
 * front of them. {@link #run()} blocks in the sync loop until {@link #stop()}.
 */
public final class PlatformServer implements AutoCloseable {

  /** Events kept for clients that reconnect. */
  public static final int EVENT_BUFFER = 10_000;

  private final SyncSetup setup;
  private final SyncLoop loop;
  private final ApiServer api;
  private final EventLog events;
  private final Tokens tokens;
  private final ServedPlatform platform;
  private final Duration interval;
  private volatile boolean running = true;
  private volatile ArgoRegistrations argoRegistrations;

  private PlatformServer(
      SyncSetup setup,
      SyncLoop loop,
      ApiServer api,
      EventLog events,
      Tokens tokens,
      ServedPlatform platform,
      Duration interval) {
    this.interval = interval;
    this.setup = setup;
    this.loop = loop;
    this.api = api;
    this.events = events;
    this.tokens = tokens;
    this.platform = platform;
  }

  /**
   * Opens the records and the policy engine and starts the API server; the first sync starts with
   * {@link #run()}.
   *
   * @param onReport also told of every sync, e.g. to print a line
   */
  public static PlatformServer start(
      SyncSetup.Config config,
      ApiSettings settings,
      Duration interval,
      Duration fullCheckEvery,
      Clock clock,
      Consumer<SyncReport> onReport)
      throws PolicyException {
    return start(config, settings, interval, fullCheckEvery, clock, onReport, rolloutNodeTimeout());
  }

  /**
   * @param nodeTimeout how long a node on its new levels may stay not Ready before its cluster's
   *     patch fails
   */
  public static PlatformServer start(
      SyncSetup.Config config,
      ApiSettings settings,
      Duration interval,
      Duration fullCheckEvery,
      Clock clock,
      Consumer<SyncReport> onReport,
      Duration nodeTimeout)
      throws PolicyException {
    return start(config, settings, interval, fullCheckEvery, clock, onReport, nodeTimeout, null);
  }

  /**
   * @param argocd when not null, the {@code argocd} sync driver: applies go through Argo CD, whose
   *     view of each cluster the API then serves
   */
  public static PlatformServer start(
      SyncSetup.Config config,
      ApiSettings settings,
      Duration interval,
      Duration fullCheckEvery,
      Clock clock,
      Consumer<SyncReport> onReport,
      ArgoCdDriver argocd)
      throws PolicyException {
    return start(
        config, settings, interval, fullCheckEvery, clock, onReport, rolloutNodeTimeout(), argocd);
  }

  private static PlatformServer start(
      SyncSetup.Config config,
      ApiSettings settings,
      Duration interval,
      Duration fullCheckEvery,
      Clock clock,
      Consumer<SyncReport> onReport,
      Duration nodeTimeout,
      ArgoCdDriver argocd)
      throws PolicyException {
    var metrics = ApiServer.metricsRegistry();
    EventLog events = new EventLog(EVENT_BUFFER, clock);
    SyncEvents syncEvents = new SyncEvents(events);
    SyncSetup setup = SyncSetup.open(config, clock, argocd, syncEvents::delivered);
    try {
      AtomicBoolean synced = new AtomicBoolean();
      // Syncs and plans share the working copy: one at a time. A plan holds it only while it
      // fetches, renders and validates, never while it waits on a cluster.
      var sourceLock = new java.util.concurrent.locks.ReentrantLock();
      SyncLoop loop =
          new SyncLoop(
              options -> {
                syncEvents.started();
                sourceLock.lock();
                try {
                  return setup.syncOnce(options);
                } finally {
                  sourceLock.unlock();
                }
              },
              interval,
              fullCheckEvery,
              clock,
              report -> {
                synced.set(true);
                syncEvents.finished(report);
                onReport.accept(report);
              });
      ServedPlatform platform =
          new ServedPlatform(
              setup.store(),
              config.dataDir(),
              Platform.embedded(config.managementKubeconfig()).fleetView(),
              reason -> loop.refreshNow(),
              setup.engine()::lastRepository,
              cluster -> {
                if (!sourceLock.tryLock(60, java.util.concurrent.TimeUnit.SECONDS)) {
                  throw new IllegalStateException(
                      "a sync is taking longer than a minute; try again");
                }
                io.fleetgate.sync.SyncEngine.Preview preview;
                try {
                  preview =
                      setup
                          .engine()
                          .preview(
                              new io.fleetgate.sync.SyncOptions(
                                  java.util.Optional.of(cluster), true, true));
                } finally {
                  sourceLock.unlock();
                }
                // The working copy is no longer read: syncs go on while the cluster is asked.
                return preview.plan();
              },
              config.repo(),
              PolicyCatalog.builtIn(),
              new ServedPlatform.Network(setup.workingCopy(), setup.renderer()),
              new ServedPlatform.Rollouts(
                  new SyncedRollouts(setup, sourceLock), setup.fleet(), nodeTimeout),
              setup
                  .argoCd()
                  .map(
                      argo ->
                          new io.fleetgate.argocd.status.ClusterApplications(
                              argo, argocd.server().toString(), clock)),
              clock);
      Tokens tokens = new Tokens(setup.store().tokens());
      ApiServer api = new ApiServer(platform, tokens, events, settings, synced::get, metrics);
      api.start();
      return new PlatformServer(setup, loop, api, events, tokens, platform, interval);
    } catch (PolicyException | RuntimeException e) {
      setup.close();
      throw e;
    }
  }

  /**
   * A platform for a client in this JVM (the console's embedded mode): the API on 127.0.0.1 only,
   * without webhooks, syncing every {@code interval} with a full check every ten minutes.
   */
  public static PlatformServer onLoopback(SyncSetup.Config config, int port, Duration interval)
      throws PolicyException {
    return start(
        config,
        new ApiSettings("127.0.0.1", port, new byte[0]),
        interval,
        Duration.ofMinutes(10),
        Clock.systemUTC(),
        report -> {});
  }

  /** An admin token for a client in this process; never stored, gone when the process ends. */
  public String inProcessAdminToken(String name) {
    return tokens.ephemeral(name, io.fleetgate.auth.Role.ADMIN).secret();
  }

  public int port() {
    return api.port();
  }

  public EventLog events() {
    return events;
  }

  /**
   * Accepts a token whose secret the operator keeps (a mounted Secret) for as long as this process
   * runs.
   */
  public void acceptToken(String name, io.fleetgate.auth.Role role, String secret) {
    tokens.provisioned(name, role, secret);
  }

  /** A token for a client in this process; never stored, gone when the process ends. */
  public String inProcessToken(String name, io.fleetgate.auth.Role role) {
    return tokens.ephemeral(name, role).secret();
  }

  /**
   * Syncs until {@link #stop()}, and meanwhile reads the SLOs every 30 s (for their trends) and
   * steps the rollouts every {@link #rolloutInterval}.
   */
  public void run() {
    Thread slos = Thread.ofVirtual().name("slo-reader").start(this::readSlos);
    Thread rollouts = Thread.ofVirtual().name("rollouts").start(this::stepRollouts);
    Thread argocd =
        argoRegistrations == null
            ? null
            : Thread.ofVirtual().name("argocd-register").start(this::registerInArgoCd);
    try {
      loop.run();
    } finally {
      running = false;
      slos.interrupt();
      rollouts.interrupt();
      if (argocd != null) {
        argocd.interrupt();
      }
    }
  }

  /**
   * Keeps every Cluster API cluster registered in the Argo CD of {@code namespace} on the
   * management cluster, on the sync's interval, once {@link #run()} runs; call before it.
   */
  public void registerInArgoCd(String namespace) {
    this.argoRegistrations =
        ArgoRegistrations.on(
            setup.fleet().management(), setup.fleet().directory(), setup.store(), namespace);
  }

  private void registerInArgoCd() {
    while (running) {
      try {
        argoRegistrations.runOnce();
      } catch (RuntimeException e) {
        // Nothing is deleted on a failed discovery or listing: the next run decides again.
        org.slf4j.LoggerFactory.getLogger(PlatformServer.class)
            .warn("Cannot register the clusters in Argo CD: {}", e.getMessage());
      }
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private volatile Duration rolloutInterval = Duration.ofSeconds(5);

  /** How often rollouts in motion are stepped (default 5 s). */
  public void rolloutInterval(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("The rollout interval must be positive");
    }
    this.rolloutInterval = interval;
  }

  /** One step of every rollout in motion, now. */
  public void stepRolloutsNow() {
    platform.stepRollouts();
  }

  private void stepRollouts() {
    while (running) {
      try {
        platform.stepRollouts();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(PlatformServer.class)
            .warn("Cannot step the rollouts: {}", e.getMessage());
      }
      try {
        Thread.sleep(rolloutInterval);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * How long a node on its new levels may stay not Ready before its cluster's patch fails: {@code
   * FLEETGATE_ROLLOUT_NODE_TIMEOUT_SECONDS}, or 10 minutes.
   */
  static Duration rolloutNodeTimeout() {
    String seconds = System.getenv("FLEETGATE_ROLLOUT_NODE_TIMEOUT_SECONDS");
    if (seconds == null || seconds.isBlank()) {
      return RolloutService.NODE_TIMEOUT;
    }
    try {
      long value = Long.parseLong(seconds.strip());
      if (value > 0) {
        return Duration.ofSeconds(value);
      }
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw new IllegalArgumentException(
        "FLEETGATE_ROLLOUT_NODE_TIMEOUT_SECONDS must be a positive number of seconds, not '"
            + seconds
            + "'");
  }

  private void readSlos() {
    while (running) {
      try {
        platform.readSlos();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(PlatformServer.class)
            .warn("Cannot read the SLOs: {}", e.getMessage());
      }
      try {
        Thread.sleep(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Asks the sync loop to stop after the sync in progress; never blocks. */
  public void stop() {
    running = false;
    loop.close();
  }

  /** Stops the loop and the API server and closes the records; call after {@link #run()}. */
  @Override
  public void close() {
    loop.close();
    api.close();
    setup.close();
  }
}
