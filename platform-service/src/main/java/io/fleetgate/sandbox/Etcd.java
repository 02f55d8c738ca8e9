package io.fleetgate.sandbox;

import java.util.List;

/** The one etcd a sandbox fleet shares; each API server stores under its own key prefix. */
final class Etcd {

  static final String MEMBER = "etcd";

  private Etcd() {}

  static List<String> command(ToolPaths tools, SandboxLayout layout, SandboxState state) {
    String client = "http://127.0.0.1:" + state.etcdClientPort();
    String peer = "http://127.0.0.1:" + state.etcdPeerPort();
    return List.of(
        tools.etcd().toString(),
        "--name=sandbox",
        "--data-dir=" + layout.etcdData(),
        "--listen-client-urls=" + client,
        "--advertise-client-urls=" + client,
        "--listen-peer-urls=" + peer,
        "--initial-advertise-peer-urls=" + peer,
        "--initial-cluster=sandbox=" + peer,
        // A sandbox trades durability on power loss for speed; never used for real clusters.
        "--unsafe-no-fsync=true",
        "--log-level=warn");
  }

  static String healthUrl(SandboxState state) {
    return "http://127.0.0.1:" + state.etcdClientPort() + "/health";
  }
}
