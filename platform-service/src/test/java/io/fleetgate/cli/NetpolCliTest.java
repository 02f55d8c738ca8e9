package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleetgate netpol} on files: a plain directory, the example fleet, two Git revisions. */
class NetpolCliTest {

  private static final Path EXAMPLE_FLEET = Path.of("..", "clusters");

  private static final String PODS =
      """
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: shop, labels: {app: web}}
      spec: {containers: [{name: w, image: x, ports: [{name: http, containerPort: 8080}]}]}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: db, namespace: shop}
      spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: pg, image: x}]}}}
      """;

  private static final String DENY_ALL =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny, namespace: shop}
      spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
      """;

  private static final String DB_FROM_WEB =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: db-from-web, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: db}}
        policyTypes: [Ingress]
        ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
      """;

  private static final String WEB_TO_DB =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: web-to-db, namespace: shop}
      spec:
        podSelector: {matchLabels: {app: web}}
        policyTypes: [Egress]
        egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]
      """;

  @TempDir Path dir;

  @Test
  void writesNetpolAnalyzersJsonShape() throws IOException {
    Files.writeString(dir.resolve("pods.yaml"), PODS);
    Files.createDirectories(dir.resolve("policies/nested"));
    Files.writeString(dir.resolve("policies/nested/deny.yaml"), DENY_ALL);
    Files.writeString(dir.resolve("policies/db.yaml"), DB_FROM_WEB + "---\n" + WEB_TO_DB);

    CliRun result = run("netpol", "--dir", dir.toString(), "--format", "json");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            [
              {
                "src": "shop/web[Pod]",
                "dst": "shop/db[Deployment]",
                "conn": "TCP 5432"
              }
            ]
            """);
  }

  @Test
  void writesAnEmptyJsonArrayWhenNothingIsAllowed() throws IOException {
    Files.writeString(dir.resolve("all.yaml"), PODS + "---\n" + DENY_ALL);

    CliRun result = run("netpol", "--dir", dir.toString(), "--format", "json");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("[]\n");
  }

  @Test
  void writesCsvMarkdownAndDotWithTheSameRows() throws IOException {
    Files.writeString(
        dir.resolve("all.yaml"),
        PODS + "---\n" + DENY_ALL + "---\n" + DB_FROM_WEB + "---\n" + WEB_TO_DB);

    assertThat(run("netpol", "--dir", dir.toString(), "--format", "csv").out())
        .isEqualTo("src,dst,conn\nshop/web[Pod],shop/db[Deployment],TCP 5432\n");
    assertThat(run("netpol", "--dir", dir.toString(), "--format", "md").out())
        .isEqualTo(
            "| src | dst | conn |\n|-----|-----|------|\n| shop/web[Pod] | shop/db[Deployment] | TCP 5432 |\n");
    assertThat(run("netpol", "--dir", dir.toString(), "--format", "dot").out())
        .startsWith("digraph {\n  subgraph cluster_0 {\n    label=\"shop\"\n")
        .contains("\"shop/web[Pod]\" -> \"shop/db[Deployment]\" [label=\"TCP 5432\"]");
  }

  @Test
  void refusesToListWhenAManifestCannotBeRead() throws IOException {
    Files.writeString(dir.resolve("pods.yaml"), PODS);
    Files.writeString(
        dir.resolve("bad.yaml"),
        DENY_ALL + "---\n" + DB_FROM_WEB.replace("port: 5432", "port: 5432, endPort: 10"));

    CliRun result = run("netpol", "--dir", dir.toString(), "--format", "json");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains(
            "bad.yaml:6: NetworkPolicy shop/db-from-web: spec.ingress[0].ports[0].endPort 10 is below port 5432; swap them");
  }

  @Test
  void refusesASymlinkLeadingOutOfTheDirectory(@TempDir Path outside) throws IOException {
    Files.writeString(outside.resolve("secret.yaml"), PODS);
    Files.createSymbolicLink(dir.resolve("escape.yaml"), outside.resolve("secret.yaml"));

    CliRun result = run("netpol", "--dir", dir.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("escape.yaml: is a symlink to")
        .contains("outside the repository");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void asksForExactlyOneSource() {
    CliRun result = run("netpol", "--dir", dir.toString(), "--kubeconfig", "x");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "give exactly one of --dir PATH, --repo PATH --cluster NAME or --kubeconfig FILE");
  }

  @Test
  void analysesTheExampleFleetAsRenderedForOneCluster() {
    CliRun result = run("netpol", "--repo", EXAMPLE_FLEET.toString(), "--cluster", "beijing-prod");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "payments/payment-gateway[Deployment] => billing/billing-service[Deployment] : TCP 9443\n");
  }

  @Test
  void explainsAPairWithTheRulesOnBothSides() throws IOException {
    Files.writeString(
        dir.resolve("all.yaml"),
        PODS + "---\n" + DENY_ALL + "---\n" + DB_FROM_WEB + "---\n" + WEB_TO_DB);

    CliRun allowed =
        run(
            "netpol",
            "explain",
            "--dir",
            dir.toString(),
            "--src",
            "shop/web",
            "--dst",
            "shop/db[Deployment]");
    CliRun denied =
        run("netpol", "explain", "--dir", dir.toString(), "--src", "shop/db", "--dst", "10.1.2.3");

    assertThat(allowed.code()).isZero();
    assertThat(allowed.out())
        .isEqualTo(
            """
            shop/web[Pod] => shop/db[Deployment]: allowed TCP 5432
              egress:  allowed by shop/web-to-db egress rule 1 (All Connections) (isolated by shop/deny, shop/web-to-db)
              ingress: allowed by shop/db-from-web ingress rule 1 (TCP 5432) (isolated by shop/db-from-web, shop/deny)
            """);
    assertThat(denied.code()).isEqualTo(1);
    assertThat(denied.out())
        .contains("shop/db[Deployment] => 0.0.0.0-255.255.255.255: denied")
        .contains("egress:  denied: isolated by shop/deny and no egress rule admits the other end")
        .contains("ingress: outside the cluster (no policy applies)");
  }

  @Test
  void namesAnUnknownEndpoint() throws IOException {
    Files.writeString(dir.resolve("pods.yaml"), PODS);

    CliRun result =
        run(
            "netpol",
            "explain",
            "--dir",
            dir.toString(),
            "--src",
            "shop/nope",
            "--dst",
            "shop/web");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--src shop/nope is no workload of the model");
  }

  @Test
  void diffsTwoRevisionsOfARealRepository() throws Exception {
    Files.writeString(dir.resolve("pods.yaml"), PODS);
    Files.writeString(dir.resolve("deny.yaml"), DENY_ALL);
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "Deny all");
    Files.writeString(dir.resolve("db.yaml"), DB_FROM_WEB + "---\n" + WEB_TO_DB);
    git("add", "-A");
    git("commit", "-qm", "Web may reach the database");

    CliRun opened =
        run("netpol", "diff", "--repo", dir.toString(), "--from", "HEAD~1", "--to", "HEAD");
    CliRun closed =
        run("netpol", "diff", "--repo", dir.toString(), "--from", "HEAD", "--to", "HEAD~1");
    CliRun same = run("netpol", "diff", "--repo", dir.toString(), "--from", "HEAD", "--to", "main");

    assertThat(opened.code()).isEqualTo(1);
    assertThat(opened.out())
        .contains("== (all manifests)\n  opens shop/web[Pod] => shop/db[Deployment] TCP 5432\n");
    assertThat(closed.out()).contains("  closes shop/web[Pod] => shop/db[Deployment] TCP 5432\n");
    assertThat(same.code()).isZero();
    assertThat(same.out()).contains("  no change");
    assertThat(
            run("netpol", "diff", "--repo", dir.toString(), "--from", "nope", "--to", "HEAD").err())
        .contains("Revision 'nope' does not exist in");
  }

  @Test
  void findsAProtectedNamespaceReachableFromOutsideItsAllowList() throws IOException {
    Files.writeString(
        dir.resolve("all.yaml"),
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {fleetgate.io/cde: "true"}}
        ---
        """
            + PODS
            + "---\n"
            + DENY_ALL
            + """
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: intruder, namespace: lab, labels: {app: x}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: from-everywhere, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 5432}]}]
            """);

    CliRun result = run("netpol", "findings", "--dir", dir.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "deny protected-reachable all.yaml:24 lab/intruder[Pod] => shop/db[Deployment]: TCP 5432 into"
                + " protected namespace shop from outside its allow-list, allowed by"
                + " shop/from-everywhere ingress rule 1")
        .contains(
            "warn no-default-deny all.yaml:20 namespace lab: has no default-deny ingress policy")
        .doesNotContain("shop/web[Pod] => shop/db");
  }

  private void git(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
