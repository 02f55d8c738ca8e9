package io.fleetgate.sandbox;

import io.fleetgate.domain.Kubeconfig;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.KubeClients;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.kube.KubeconfigPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts, inspects and stops one sandbox fleet: a shared etcd, a management kube-apiserver with the
 * Cluster API CRDs, and N workload kube-apiservers declared there as CAPI {@code Cluster}s.
 *
 * <p>{@link #up} is idempotent: members that run are kept, missing ones are started, and the
 * declarations are applied again.
 */
public final class SandboxFleet {

  private static final Duration ETCD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration APISERVER_TIMEOUT = Duration.ofSeconds(90);
  private static final int START_BATCH = 8;

  private final SandboxLayout layout;
  private final ToolPaths tools;
  private final SandboxPki pki;
  private final ProcessSupervisor processes;

  public SandboxFleet(SandboxLayout layout, ToolPaths tools) {
    this.layout = layout;
    this.tools = tools;
    this.pki = new SandboxPki(layout.pki());
    this.processes = new ProcessSupervisor(layout);
  }

  public SandboxLayout layout() {
    return layout;
  }

  /**
   * Brings the fleet up with {@code workloadClusters} workload clusters and waits until every
   * member answers and the clusters are declared.
   *
   * @param progress receives one line per step, for the CLI or a test log
   */
  public SandboxStatus up(int workloadClusters, Consumer<String> progress) {
    List<WorkloadProfile> profiles = WorkloadProfile.fleetOf(workloadClusters);
    try (StateLock lock = StateLock.acquire(layout.root())) {
      pki.ensure();
      Optional<SandboxState> existing = SandboxState.read(layout.stateFile());
      boolean running = existing.isPresent() && processes.running(Etcd.MEMBER).isPresent();
      if (running && existing.get().workloads().size() != profiles.size()) {
        throw new SandboxException(
            "The sandbox in "
                + layout.root()
                + " runs "
                + existing.get().workloads().size()
                + " workload clusters. Run 'fleetgate sandbox down' first to start it with "
                + profiles.size()
                + ".");
      }
      SandboxState state;
      if (running) {
        state = existing.get();
      } else {
        int reaped = processes.reapAll();
        if (reaped > 0) {
          progress.accept("Stopped " + reaped + " leftover sandbox processes");
        }
        state = plan(existing, profiles);
        state.write(layout.stateFile());
        progress.accept("Starting etcd on 127.0.0.1:" + state.etcdClientPort());
        startEtcd(state);
      }
      startApiServers(state, progress);
      writeKubeconfigs(state);
      seed(state, progress);
    }
    return status();
  }

  /** Reports each member without changing anything. */
  public SandboxStatus status() {
    Optional<SandboxState> state = SandboxState.read(layout.stateFile());
    if (state.isEmpty()) {
      return new SandboxStatus(layout.root(), false, List.of());
    }
    boolean etcd = processes.running(Etcd.MEMBER).isPresent();
    String token = Files.isRegularFile(pki.tokenFile()) ? pki.adminToken() : "";
    List<SandboxStatus.MemberStatus> members = new ArrayList<>();
    for (SandboxState.Member member : state.get().members()) {
      long pid = processes.running(member.name()).map(ProcessHandle::pid).orElse(0L);
      boolean ready =
          pid != 0
              && Readiness.apiServerReady(
                  member.server(), KubeApiServer.servingCertificate(layout, member), token);
      members.add(
          new SandboxStatus.MemberStatus(
              member.name(),
              member.server(),
              pid,
              ready,
              kubeconfigPath(member),
              member.profile()));
    }
    return new SandboxStatus(layout.root(), etcd, members);
  }

  /**
   * Stops every process of the fleet, including leftovers no pid file remembers.
   *
   * @param purge also delete the state directory (data, credentials, kubeconfigs)
   * @return how many processes were stopped
   */
  public int down(boolean purge) {
    if (!Files.isDirectory(layout.root())) {
      return 0;
    }
    int stopped;
    try (StateLock lock = StateLock.acquire(layout.root())) {
      stopped = processes.reapAll();
    }
    if (purge && Files.isDirectory(layout.root())) {
      try (Stream<Path> files = Files.walk(layout.root())) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new SandboxException("Cannot delete " + layout.root() + ": " + e.getMessage(), e);
      }
    }
    return stopped;
  }

  /** Stops one member's API server, as a failure would. {@link #up} starts it again. */
  public void stopMember(String name) {
    processes.stop(name);
  }

  /**
   * The running process of one member (its API server, or etcd), for tests that freeze or kill it
   * as a failure would; empty when it is not running.
   */
  public java.util.Optional<ProcessHandle> process(String member) {
    return processes.running(member);
  }

  /** A client for one member, as the admin. */
  public ClusterApi api(String member) {
    Path kubeconfig =
        member.equals(SandboxLayout.MANAGEMENT)
            ? layout.managementKubeconfig()
            : layout.clusterKubeconfig(member);
    try {
      return new KubeClients(KubeconfigPolicy.strict())
          .api(new Kubeconfig(kubeconfig.toString(), Files.readString(kubeconfig)));
    } catch (IOException e) {
      throw new SandboxException("Cannot read " + kubeconfig + ". Is the sandbox up?", e);
    }
  }

  private SandboxState plan(Optional<SandboxState> previous, List<WorkloadProfile> profiles) {
    Set<Integer> taken = new HashSet<>();
    int client = reuse(previous.map(SandboxState::etcdClientPort), taken);
    int peer = reuse(previous.map(SandboxState::etcdPeerPort), taken);
    List<SandboxState.Member> members = new ArrayList<>();
    members.add(
        new SandboxState.Member(
            SandboxLayout.MANAGEMENT,
            reuse(previousPort(previous, SandboxLayout.MANAGEMENT), taken),
            null));
    for (WorkloadProfile profile : profiles) {
      members.add(
          new SandboxState.Member(
              profile.name(), reuse(previousPort(previous, profile.name()), taken), profile));
    }
    return new SandboxState(client, peer, members);
  }

  private static Optional<Integer> previousPort(Optional<SandboxState> previous, String name) {
    return previous.flatMap(
        s ->
            s.members().stream()
                .filter(m -> m.name().equals(name))
                .map(SandboxState.Member::port)
                .findFirst());
  }

  /** The previous port when it is still free (kubeconfigs stay valid), else a new free one. */
  private static int reuse(Optional<Integer> previous, Set<Integer> taken) {
    if (previous.isPresent() && !taken.contains(previous.get()) && free(previous.get())) {
      taken.add(previous.get());
      return previous.get();
    }
    while (true) {
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (taken.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("No free loopback port", e);
      }
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void startEtcd(SandboxState state) {
    processes.start(Etcd.MEMBER, Etcd.command(tools, layout, state));
    Readiness.await(
        "etcd",
        ETCD_TIMEOUT,
        layout.log(Etcd.MEMBER),
        () -> Readiness.httpOk(Etcd.healthUrl(state)),
        () -> processes.alive(Etcd.MEMBER));
  }

  private void startApiServers(SandboxState state, Consumer<String> progress) {
    List<SandboxState.Member> toStart =
        state.members().stream().filter(m -> processes.running(m.name()).isEmpty()).toList();
    if (toStart.isEmpty()) {
      progress.accept("All " + state.members().size() + " API servers already run");
    }
    // Started a batch at a time: fifty API servers starting at once on two cores each take longer
    // than the readiness limit, while a batch of eight is ready in a fraction of it.
    for (int from = 0; from < toStart.size(); from += START_BATCH) {
      List<SandboxState.Member> batch =
          toStart.subList(from, Math.min(toStart.size(), from + START_BATCH));
      for (SandboxState.Member member : batch) {
        progress.accept("Starting kube-apiserver " + member.name() + " on " + member.server());
        processes.start(member.name(), KubeApiServer.command(tools, layout, pki, state, member));
      }
      awaitReady(batch);
    }
    awaitReady(state.members());
    progress.accept("All API servers ready");
  }

  private void awaitReady(List<SandboxState.Member> members) {
    String token = pki.adminToken();
    try (ExecutorService waiters = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> waits = new ArrayList<>();
      for (SandboxState.Member member : members) {
        waits.add(
            waiters.submit(
                () ->
                    Readiness.await(
                        "kube-apiserver " + member.name(),
                        APISERVER_TIMEOUT,
                        layout.log(member.name()),
                        () ->
                            Readiness.apiServerReady(
                                member.server(),
                                KubeApiServer.servingCertificate(layout, member),
                                token),
                        () -> processes.alive(member.name()))));
      }
      for (Future<?> wait : waits) {
        wait.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof SandboxException s
          ? s
          : new SandboxException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("Interrupted while starting the sandbox", e);
    }
  }

  private void writeKubeconfigs(SandboxState state) {
    String token = pki.adminToken();
    for (SandboxState.Member member : state.members()) {
      PrivateFiles.write(kubeconfigPath(member), kubeconfigOf(member, token));
    }
  }

  private String kubeconfigOf(SandboxState.Member member, String token) {
    try {
      String ca = Files.readString(KubeApiServer.servingCertificate(layout, member));
      String context = member.isManagement() ? "fleetgate-management" : member.name();
      return KubeconfigFile.render(context, member.server(), ca, token);
    } catch (IOException e) {
      throw new SandboxException(
          "Cannot read the serving certificate of " + member.name() + ": " + e.getMessage(), e);
    }
  }

  private Path kubeconfigPath(SandboxState.Member member) {
    return member.isManagement()
        ? layout.managementKubeconfig()
        : layout.clusterKubeconfig(member.name());
  }

  private void seed(SandboxState state, Consumer<String> progress) {
    ClusterApi management = api(SandboxLayout.MANAGEMENT);
    progress.accept("Installing the Cluster API CRDs in the management cluster");
    FleetSeeder seeder = new FleetSeeder(management);
    seeder.installCrds(tools.capiCrds());
    CapiStatusSimulator simulator = new CapiStatusSimulator(management);
    String token = pki.adminToken();
    List<String> workloads = state.workloads().stream().map(SandboxState.Member::name).toList();
    for (SandboxState.Member member : state.workloads()) {
      NodeImage nodes =
          StartingImages.of(workloads, member.name(), api(member.name()).serverVersion());
      KubeObject cluster =
          seeder.declare(member.profile(), kubeconfigOf(member, token), member.port(), nodes);
      simulator.markProvisioned(cluster, 3, 3);
    }
    progress.accept(
        "Declared "
            + state.workloads().size()
            + " workload clusters in namespace "
            + FleetSeeder.NAMESPACE);
  }
}
