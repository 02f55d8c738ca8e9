package io.fleetgate.sandbox;

import io.fleetgate.cluster.capi.CapiClusterDirectory;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.patch.PatchTarget;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays Cluster API's node upgrades in the sandbox, which has no Cluster API controllers and no
 * kubelets (demo and test support): every {@link Settings#pollEvery} it reads the management
 * cluster's {@code Cluster} objects in namespace {@value FleetSeeder#NAMESPACE}, and for each whose
 * managed topology ({@link ClusterTopology}) declares an image that any of the workload cluster's
 * simulated nodes differ from, it walks those nodes there with {@link NodeSimulator#upgrade},
 * {@code maxUnavailable} at a time, on a thread of its own.
 *
 * <p>One walk per cluster at a time, clusters in parallel. When a cluster declares another image
 * during a walk (a roll back), the walk is called off after the nodes it is upgrading, and the next
 * poll starts a walk to the new image. A walk that halted at a node that never comes back is not
 * started again for the same image and failure: the node stays as it is until the cluster declares
 * another image or the failure injected changes. The loop never ends on an error: a cluster that
 * cannot be read is reported once and tried again at every poll.
 */
public final class UpgradePlayer implements AutoCloseable {

  /** How often the Cluster objects are read, by default. */
  public static final Duration POLL_EVERY = Duration.ofMillis(500);

  /** How long {@link #close} lets the nodes of a walk that are under way finish, beyond a node. */
  private static final Duration FINISH_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(UpgradePlayer.class);

  /**
   * @param pollEvery how often the Cluster objects are read
   * @param perNode how long each node (or batch of nodes) takes
   * @param failure the failure walks play, until {@link #inject} changes it
   */
  public record Settings(Duration pollEvery, Duration perNode, InjectedFailure failure) {
    public Settings {
      Objects.requireNonNull(failure, "failure");
      if (pollEvery.isNegative() || pollEvery.isZero()) {
        throw new SandboxException("The player polls at a positive interval, not " + pollEvery);
      }
      Objects.requireNonNull(perNode, "perNode");
      if (perNode.isNegative()) {
        throw new SandboxException("A node's upgrade cannot take a negative time");
      }
    }
  }

  private record Walk(
      PatchTarget target,
      InjectedFailure failure,
      AtomicBoolean wanted,
      Future<UpgradeOutcome> end) {}

  private record Halt(PatchTarget target, InjectedFailure failure) {}

  private final ClientCache clients;
  private final NodeSimulator simulator;
  private final Settings settings;
  private final Consumer<PlayerEvent> listener;
  private final ExecutorService walkers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("upgrade-walk-", 1).factory());
  private volatile InjectedFailure failure;
  private volatile boolean closed;
  private Thread loop;

  // Touched by the loop's thread only (and by close() after it ended).
  private final Map<String, Walk> walks = new HashMap<>();
  private final Map<String, Halt> halts = new HashMap<>();
  private final Map<String, String> unreadable = new HashMap<>();
  private final Map<String, List<String>> problemsSaid = new HashMap<>();

  /**
   * @param clients a client for the management cluster ({@link SandboxLayout#MANAGEMENT}) and each
   *     workload cluster by name, e.g. {@link SandboxFleet#api}; each is opened once and kept
   * @param listener receives every event, from the loop's and the walks' threads
   */
  public UpgradePlayer(
      Function<String, ClusterApi> clients, Settings settings, Consumer<PlayerEvent> listener) {
    this.clients = new ClientCache(clients);
    this.simulator = new NodeSimulator(this.clients);
    this.settings = settings;
    this.listener = listener;
    this.failure = settings.failure();
  }

  /** Starts the loop on a thread of its own; returns at once. */
  public synchronized UpgradePlayer start() {
    if (loop != null || closed) {
      throw new SandboxException("An upgrade player starts once");
    }
    loop = Thread.ofPlatform().daemon().name("upgrade-player").start(this::run);
    return this;
  }

  /** The failure walks started from now on play ({@link InjectedFailure#none()} for none). */
  public void inject(InjectedFailure failure) {
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /**
   * Stops polling and calls off every walk after the nodes it is upgrading (waiting for them up to
   * a node's time and 10 s more, then interrupting them).
   */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closed = true;
      running = loop;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    walks.values().forEach(walk -> walk.wanted().set(false));
    walkers.shutdown();
    try {
      if (!walkers.awaitTermination(
          settings.perNode().plus(FINISH_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
        walkers.shutdownNow();
      }
    } catch (InterruptedException e) {
      walkers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (!closed) {
      try {
        poll();
      } catch (RuntimeException e) {
        log.warn("A poll of the sandbox's Cluster objects failed; trying again", e);
      }
      try {
        Thread.sleep(settings.pollEvery());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void poll() {
    List<KubeObject> clusters;
    try {
      clusters =
          clients.apply(SandboxLayout.MANAGEMENT).list(CapiClusterDirectory.CLUSTER).stream()
              .filter(c -> FleetSeeder.NAMESPACE.equals(c.namespace()))
              // The sandbox's own member name: no workload cluster is called so, and its client
              // is the management cluster's, whose nodes are not the player's to walk.
              .filter(c -> !c.name().equals(SandboxLayout.MANAGEMENT))
              .toList();
      readable(SandboxLayout.MANAGEMENT);
    } catch (RuntimeException e) {
      unreadable(SandboxLayout.MANAGEMENT, e);
      return;
    }
    Set<String> declared = new HashSet<>();
    for (KubeObject cluster : clusters) {
      declared.add(cluster.name());
      try {
        consider(cluster.name(), ClusterTopology.of(cluster));
      } catch (RuntimeException e) {
        unreadable(cluster.name(), e);
      }
    }
    // A Cluster deleted meanwhile: its walk is called off, and forgotten once it ended.
    walks
        .entrySet()
        .removeIf(
            entry -> {
              if (declared.contains(entry.getKey())) {
                return false;
              }
              entry.getValue().wanted().set(false);
              return entry.getValue().end().isDone();
            });
    halts.keySet().retainAll(declared);
  }

  private void consider(String cluster, Optional<ClusterTopology> topology) {
    Walk walk = walks.get(cluster);
    if (walk != null) {
      if (!walk.end().isDone()) {
        if (topology.map(t -> !t.desired().equals(walk.target())).orElse(true)) {
          walk.wanted().set(false);
        }
        return;
      }
      walks.remove(cluster);
      if (outcome(walk) instanceof UpgradeOutcome.Halted) {
        halts.put(cluster, new Halt(walk.target(), walk.failure()));
      }
    }
    if (topology.isEmpty()) {
      return;
    }
    ClusterTopology declared = topology.get();
    sayProblems(cluster, declared.problems());
    InjectedFailure playing = failure;
    if (new Halt(declared.desired(), playing).equals(halts.get(cluster))) {
      return;
    }
    List<String> differing =
        simulator.nodes(cluster).stream()
            .filter(node -> !node.at(declared.desired()))
            .map(SimulatedNode::name)
            .toList();
    readable(cluster);
    if (differing.isEmpty()) {
      halts.remove(cluster);
      return;
    }
    start(cluster, declared, differing, playing);
  }

  private void start(
      String cluster, ClusterTopology declared, List<String> differing, InjectedFailure playing) {
    PatchTarget target = declared.desired();
    UpgradePace pace = new UpgradePace(settings.perNode(), declared.maxUnavailable());
    AtomicBoolean wanted = new AtomicBoolean(true);
    tell(new PlayerEvent.WalkStarted(cluster, target, differing, pace.nodesAtOnce()));
    long started = System.nanoTime();
    Future<UpgradeOutcome> end =
        walkers.submit(
            () -> {
              try {
                UpgradeOutcome outcome =
                    simulator.upgrade(
                        cluster, target, pace, playing, () -> wanted.get() && !closed);
                tell(new PlayerEvent.WalkEnded(cluster, target, outcome, since(started)));
                return outcome;
              } catch (RuntimeException e) {
                clients.forget(cluster);
                tell(new PlayerEvent.WalkFailed(cluster, target, reason(e), since(started)));
                throw e;
              }
            });
    walks.put(cluster, new Walk(target, playing, wanted, end));
  }

  private static UpgradeOutcome outcome(Walk walk) {
    try {
      return walk.end().get();
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void sayProblems(String cluster, List<String> problems) {
    if (problems.equals(problemsSaid.getOrDefault(cluster, List.of()))) {
      return;
    }
    problemsSaid.put(cluster, problems);
    problems.forEach(problem -> tell(new PlayerEvent.TopologyProblem(cluster, problem)));
  }

  private void unreadable(String member, RuntimeException e) {
    clients.forget(member);
    String reason = reason(e);
    if (!reason.equals(unreadable.put(member, reason))) {
      tell(new PlayerEvent.Unreadable(member, reason));
    }
  }

  private void readable(String member) {
    if (unreadable.remove(member) != null) {
      tell(new PlayerEvent.Readable(member));
    }
  }

  private void tell(PlayerEvent event) {
    log.info(event.line());
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      log.warn("The upgrade player's listener failed on '{}'", event.line(), e);
    }
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
