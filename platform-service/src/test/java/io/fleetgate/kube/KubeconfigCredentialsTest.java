package io.fleetgate.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.domain.Kubeconfig;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A kubeconfig's credentials read inline, under the strict policy, with refusals that say why. */
class KubeconfigCredentialsTest {

  private static final String TOKEN = "s3cr3t-token-value";
  private static final String KEY = "S0VZLVZBTFVF";

  private static String kubeconfig(String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: other
          cluster: {server: "https://other.example:6443"}
        - name: c
          cluster:
            %s
        users:
        - name: u
          user:
            %s
        contexts:
        - name: other
          context: {cluster: other, user: u}
        - name: c
          context: {cluster: c, user: u}
        current-context: c
        """
        .formatted(cluster.replace("\n", "\n    "), user.replace("\n", "\n    "));
  }

  record Refusal(String name, String text, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Refusal> refusals() {
    String server = "server: https://api.example:6443";
    return Stream.of(
        new Refusal(
            "exec plugin",
            kubeconfig(server, "exec: {command: /bin/steal, apiVersion: v1}"),
            "credential plugin"),
        new Refusal(
            "auth-provider plugin",
            kubeconfig(server, "auth-provider: {name: gcp}"),
            "credential plugin"),
        new Refusal(
            "token file", kubeconfig(server, "tokenFile: /etc/shadow"), "users[].user.tokenFile"),
        new Refusal(
            "client key file",
            kubeconfig(server, "client-certificate: /c.pem\nclient-key: /k.pem"),
            "users[].user.client-certificate"),
        new Refusal(
            "CA file",
            kubeconfig(server + "\ncertificate-authority: /ca.pem", "token: " + TOKEN),
            "clusters[].cluster.certificate-authority"),
        new Refusal(
            "TLS verification off",
            kubeconfig(server + "\ninsecure-skip-tls-verify: true", "token: " + TOKEN),
            "insecure-skip-tls-verify"),
        new Refusal(
            "plain http",
            kubeconfig("server: http://api.example:8080", "token: " + TOKEN),
            "clusters[].cluster.server"),
        new Refusal(
            "proxy",
            kubeconfig(server + "\nproxy-url: https://proxy.example", "token: " + TOKEN),
            "clusters[].cluster.proxy-url"),
        new Refusal(
            "basic authentication",
            kubeconfig(server, "username: admin\npassword: " + TOKEN),
            "users[].user.username/password"),
        new Refusal(
            "certificate without key",
            kubeconfig(server, "client-certificate-data: Q0VSVA=="),
            "client-certificate-data and client-key-data"),
        new Refusal("no credential", kubeconfig(server, "{}"), "holds no credential"),
        new Refusal(
            "credentials in the server URL",
            kubeconfig("server: https://admin:" + TOKEN + "@api.example:6443", "token: t"),
            "carries a user part"),
        new Refusal(
            "a query on the server URL",
            kubeconfig("server: https://api.example:6443?x=1", "token: " + TOKEN),
            "without a query or fragment"),
        new Refusal(
            "impersonation",
            kubeconfig(server, "token: " + TOKEN + "\nas: limited-user"),
            "users[].user.as impersonates"),
        new Refusal(
            "impersonated groups",
            kubeconfig(server, "token: " + TOKEN + "\nas-groups: [system:masters]"),
            "users[].user.as-groups impersonates"),
        new Refusal(
            "key not base64",
            kubeconfig(
                server, "client-certificate-data: Q0VSVA==\nclient-key-data: '" + TOKEN + "!'"),
            "client-key-data is not base64"),
        new Refusal(
            "no current context",
            kubeconfig(server, "token: " + TOKEN).replace("current-context: c", ""),
            "current-context is not set"),
        new Refusal(
            "current context missing",
            kubeconfig(server, "token: " + TOKEN)
                .replace("current-context: c", "current-context: x"),
            "names a context that contexts[] does not hold"),
        new Refusal(
            "no server", kubeconfig("tls-server-name: x", "token: " + TOKEN), "server is missing"),
        new Refusal(
            "malformed YAML", "clusters: [\n  token: " + TOKEN + "\n  - {", "is not valid YAML"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWhatTheStrictPolicyRefusesNamingTheFieldNeverAValue(Refusal refusal) {
    assertThatThrownBy(
            () -> KubeconfigCredentials.read(new Kubeconfig("Secret fleet/x", refusal.text())))
        .isInstanceOf(KubeException.class)
        .hasMessageStartingWith("The kubeconfig from Secret fleet/x")
        .hasMessageContaining(refusal.field())
        .message()
        .doesNotContain(TOKEN)
        .doesNotContain("/etc/shadow");
  }

  record Reading(String name, String text, InlineCredentials want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Reading> readings() {
    return Stream.of(
        new Reading(
            "token and CA",
            kubeconfig(
                "server: https://api.example:6443\ncertificate-authority-data: Q0E=",
                "token: " + TOKEN),
            new InlineCredentials("https://api.example:6443", "Q0E=", "", "", "", TOKEN)),
        new Reading(
            "client certificate, TLS server name",
            kubeconfig(
                "server: https://10.0.0.1:6443\ntls-server-name: api.internal",
                "client-certificate-data: Q0VSVA==\nclient-key-data: " + KEY),
            new InlineCredentials(
                "https://10.0.0.1:6443", "", "api.internal", "Q0VSVA==", KEY, "")),
        new Reading(
            "the current context, not the first",
            kubeconfig("server: https://current.example", "token: t"),
            new InlineCredentials("https://current.example", "", "", "", "", "t")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readings")
  void readsTheCurrentContextsCredentialsInline(Reading reading) {
    assertThat(KubeconfigCredentials.read(new Kubeconfig("Secret fleet/x", reading.text())))
        .isEqualTo(reading.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readings")
  void neverPrintsACredential(Reading reading) {
    assertThat(KubeconfigCredentials.read(new Kubeconfig("Secret fleet/x", reading.text())))
        .asString()
        .doesNotContain(TOKEN)
        .doesNotContain(KEY);
  }
}
