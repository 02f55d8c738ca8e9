package io.fleetgate.sandbox;

import java.nio.file.Path;

/**
 * The files of one sandbox fleet under its state directory.
 *
 * <pre>
 * DIR/management.kubeconfig        admin kubeconfig of the management cluster
 * DIR/clusters/NAME.kubeconfig     admin kubeconfig of each workload cluster
 * DIR/sandbox.json                 ports and members, for status and restarts
 * DIR/pki/                         service-account keys and the static token file
 * DIR/etcd/                        etcd data (shared by every API server, one prefix each)
 * DIR/apiservers/NAME/             each API server's serving certificates
 * DIR/logs/, DIR/pids/             process output and pid files
 * DIR/upgrade-player.pid           the pid of the upgrade player, locked while it runs
 * </pre>
 */
public record SandboxLayout(Path root) {

  public static final String MANAGEMENT = "management";

  /** The default state directory, {@code ~/.fleetgate/sandbox}. */
  public static Path defaultRoot() {
    return Path.of(System.getProperty("user.home"), ".fleetgate", "sandbox");
  }

  public SandboxLayout {
    root = root.toAbsolutePath().normalize();
  }

  public Path managementKubeconfig() {
    return root.resolve("management.kubeconfig");
  }

  public Path clusterKubeconfig(String cluster) {
    return root.resolve("clusters").resolve(cluster + ".kubeconfig");
  }

  public Path stateFile() {
    return root.resolve("sandbox.json");
  }

  public Path pki() {
    return root.resolve("pki");
  }

  public Path etcdData() {
    return root.resolve("etcd");
  }

  public Path certDir(String member) {
    return root.resolve("apiservers").resolve(member);
  }

  public Path log(String member) {
    return root.resolve("logs").resolve(member + ".log");
  }

  public Path pidFile(String member) {
    return root.resolve("pids").resolve(member + ".pid");
  }

  public Path pids() {
    return root.resolve("pids");
  }

  /** The upgrade player's pid file, locked while it runs ({@link PlayerPidFile}). */
  public Path playerPidFile() {
    return root.resolve("upgrade-player.pid");
  }
}
