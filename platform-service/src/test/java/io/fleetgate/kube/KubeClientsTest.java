package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.Kubeconfig;
import org.junit.jupiter.api.Test;

class KubeClientsTest {

  private static final String CLUSTER =
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: c
        cluster:
          server: https://127.0.0.1:6443
          %s
      users:
      - name: u
        user:
          %s
      contexts:
      - name: c
        context: {cluster: c, user: u}
      current-context: c
      """;

  @Test
  void refusesExecCredentialPluginsByDefault() {
    Kubeconfig kubeconfig =
        kubeconfig(
            "certificate-authority-data: AAAA",
            "exec: {command: /bin/steal, apiVersion: client.authentication.k8s.io/v1}");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("Secret fleet/x-kubeconfig")
        .hasMessageContaining("credential plugin");
  }

  @Test
  void refusesAuthProviderPluginsByDefault() {
    Kubeconfig kubeconfig =
        kubeconfig("certificate-authority-data: AAAA", "auth-provider: {name: gcp}");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .hasMessageContaining("credential plugin");
  }

  @Test
  void refusesDisabledTlsVerificationByDefault() {
    Kubeconfig kubeconfig = kubeconfig("insecure-skip-tls-verify: true", "token: abc");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("insecure-skip-tls-verify");
  }

  @Test
  void acceptsDisabledTlsVerificationWhenAllowedExplicitly() {
    Kubeconfig kubeconfig = kubeconfig("insecure-skip-tls-verify: true", "token: abc");

    assertThat(new KubeClients(new KubeconfigPolicy(false, true)).connect(kubeconfig).getBasePath())
        .isEqualTo("https://127.0.0.1:6443");
  }

  @Test
  void namesTheSourceOfMalformedYamlWithoutEchoingItsContent() {
    Kubeconfig kubeconfig = new Kubeconfig("/tmp/broken.kubeconfig", "users: [token: s3cr3t\n");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("/tmp/broken.kubeconfig")
        .hasMessageContaining("not valid YAML");
  }

  /** A kubeconfig from a Secret that would read this host's files or leave TLS. */
  record Refused(String name, String clusterLine, String userLine, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static java.util.stream.Stream<Refused> untrusted() {
    return java.util.stream.Stream.of(
        new Refused(
            "a token read from a file",
            "certificate-authority-data: AAAA",
            "tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token",
            "users[].user.tokenFile"),
        new Refused(
            "a client certificate read from a file",
            "certificate-authority-data: AAAA",
            "client-certificate: /etc/fleetgate/tls.crt",
            "users[].user.client-certificate"),
        new Refused(
            "a client key read from a file",
            "certificate-authority-data: AAAA",
            "client-key: /etc/fleetgate/tls.key",
            "users[].user.client-key"),
        new Refused(
            "a CA read from a file",
            "certificate-authority: /etc/ssl/private/ca.pem",
            "token: abc",
            "clusters[].cluster.certificate-authority"),
        new Refused(
            "a proxy of the author's choosing",
            "proxy-url: https://203.0.113.7:3128",
            "token: abc",
            "clusters[].cluster.proxy-url"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("untrusted")
  void refusesWhatAKubeconfigFromASecretMayNotAskForNamingTheFieldNotItsValue(Refused c) {
    Kubeconfig kubeconfig = kubeconfig(c.clusterLine(), c.userLine());

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("Secret fleet/x-kubeconfig")
        .hasMessageContaining(c.field())
        .message()
        .doesNotContain("/var/run")
        .doesNotContain("/etc/")
        .doesNotContain("203.0.113.7");
  }

  @Test
  void refusesAPlainHttpServer() {
    Kubeconfig kubeconfig =
        new Kubeconfig(
            "Secret fleet/x-kubeconfig",
            CLUSTER
                .formatted("certificate-authority-data: AAAA", "token: abc")
                .replace("https://127.0.0.1:6443", "http://127.0.0.1:6443"));

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .hasMessageContaining("clusters[].cluster.server")
        .hasMessageContaining("https://");
  }

  @Test
  void theOperatorsOwnKubeconfigMayNameLocalFiles(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path token = dir.resolve("token");
    java.nio.file.Files.writeString(token, "abc");
    Kubeconfig kubeconfig =
        new Kubeconfig("/home/ops/.kube/config", CLUSTER.formatted("", "tokenFile: " + token));

    assertThat(new KubeClients(KubeconfigPolicy.operatorFile()).connect(kubeconfig).getBasePath())
        .isEqualTo("https://127.0.0.1:6443");
  }

  @Test
  void aMalformedKubeconfigIsNamedByLineNeverQuoted() {
    Kubeconfig kubeconfig =
        new Kubeconfig("Secret fleet/x-kubeconfig", "users:\n- user: {token: s3cr3t-canary\n");

    assertThatThrownBy(() -> new KubeClients(KubeconfigPolicy.strict()).connect(kubeconfig))
        .hasMessageContaining("Secret fleet/x-kubeconfig")
        .hasMessageContaining("line")
        .message()
        .doesNotContain("s3cr3t-canary");
  }

  private static Kubeconfig kubeconfig(String clusterLine, String userLine) {
    return new Kubeconfig("Secret fleet/x-kubeconfig", CLUSTER.formatted(clusterLine, userLine));
  }

  @Test
  void aServerThatAnswersAByteAtATimeIsGivenUpAtTheCallDeadline() throws Exception {
    var trickle =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    trickle.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          try (var body = exchange.getResponseBody()) {
            // Well inside the read timeout each time, so only a deadline on the whole call ends it.
            for (int i = 0; i < 40; i++) {
              body.write(' ');
              body.flush();
              Thread.sleep(500);
            }
          } catch (InterruptedException | java.io.IOException e) {
            // the client hung up
          }
        });
    trickle.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    trickle.start();
    try {
      Kubeconfig kubeconfig =
          new Kubeconfig(
              "test kubeconfig",
              CLUSTER
                  .formatted("", "token: t")
                  .replace(
                      "https://127.0.0.1:6443",
                      "http://127.0.0.1:" + trickle.getAddress().getPort()));
      ClusterApi api =
          new KubeClients(KubeconfigPolicy.operatorFile(), java.time.Duration.ofSeconds(2))
              .api(kubeconfig);

      long started = System.nanoTime();
      assertThatThrownBy(api::serverVersion)
          .isInstanceOf(KubeException.class)
          .hasMessageContaining("did not answer");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
          .as("the 20 s trickle is cut at the 2 s deadline")
          .isLessThan(java.time.Duration.ofSeconds(10));
    } finally {
      trickle.stop(0);
    }
  }
}
