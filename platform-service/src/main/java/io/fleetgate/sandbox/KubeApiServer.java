package io.fleetgate.sandbox;

import java.util.List;

/** The command line of one sandbox kube-apiserver, configured the way envtest configures it. */
final class KubeApiServer {

  private KubeApiServer() {}

  static List<String> command(
      ToolPaths tools,
      SandboxLayout layout,
      SandboxPki pki,
      SandboxState state,
      SandboxState.Member member) {
    return List.of(
        tools.kubeApiserver().toString(),
        "--etcd-servers=http://127.0.0.1:" + state.etcdClientPort(),
        "--etcd-prefix=/clusters/" + member.name() + "/registry",
        "--secure-port=" + member.port(),
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        "--cert-dir=" + layout.certDir(member.name()),
        "--service-cluster-ip-range=10.0.0.0/24",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + pki.serviceAccountPublicKey(),
        "--service-account-signing-key-file=" + pki.serviceAccountKey(),
        "--token-auth-file=" + pki.tokenFile(),
        "--authorization-mode=RBAC",
        "--allow-privileged=true",
        "--disable-admission-plugins=ServiceAccount",
        "--endpoint-reconciler-type=none",
        "--profiling=false",
        "--v=0");
  }

  /** The serving certificate (with its self-signed CA) kube-apiserver writes to its cert dir. */
  static java.nio.file.Path servingCertificate(SandboxLayout layout, SandboxState.Member member) {
    return layout.certDir(member.name()).resolve("apiserver.crt");
  }
}
