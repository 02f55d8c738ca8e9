package io.fleetgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The pre-commit check as a developer runs it, with the real Wasm policy bundle. */
class ValidateCliIT {

  private static final String VIOLATIONS =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
        namespace: payments
      spec:
        containers:
          - name: shell
            image: busybox:latest
            securityContext:
              privileged: true
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: db
        namespace: payments
      data:
        DB_PASSWORD: hunter2
      """;

  @Test
  void theExampleFleetIsClean(@TempDir Path work) throws Exception {
    CliRun result = run("validate", "--repo", copyOfExampleFleet(work).toString());

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("3 cluster(s)").contains("0 denial(s)");
  }

  @Test
  void reportsEachViolationWithItsControlsAndExitsOne(@TempDir Path work) throws Exception {
    Path repo = copyOfExampleFleet(work);
    Files.writeString(repo.resolve("bundles/payments/bad.yaml"), VIOLATIONS);

    CliRun result = run("validate", "--repo", repo.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "bundles/payments/bad.yaml:1: DENY [critical] Pod payments/debug — privileged_containers")
        .contains("uses unpinned image \"busybox:latest\"")
        .contains("has no resources.limits.memory")
        .contains(
            "bundles/payments/bad.yaml:13: DENY [critical] ConfigMap payments/db — secrets_in_config")
        .contains("controls: PCI-DSS-v4.0:8.3.2")
        .contains("clusters: beijing-prod, guangzhou-prod")
        .doesNotContain("hunter2");
  }

  @Test
  void writesSarifAndJunitThatCiToolsRead(@TempDir Path work) throws Exception {
    Path repo = copyOfExampleFleet(work);
    Files.writeString(repo.resolve("bundles/payments/bad.yaml"), VIOLATIONS);

    CliRun sarif =
        run(
            "validate",
            "--repo",
            repo.toString(),
            "--format",
            "sarif",
            "--out",
            work.resolve("out.sarif").toString());
    CliRun junit =
        run(
            "validate",
            "--repo",
            repo.toString(),
            "--format",
            "junit",
            "--out",
            work.resolve("out.xml").toString());

    assertThat(sarif.code()).isEqualTo(1);
    JsonNode log = new ObjectMapper().readTree(work.resolve("out.sarif").toFile());
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    JsonNode results = log.at("/runs/0/results");
    // Every finding of the debug pod and the ConfigMap, the registry allow-list of fleet.yaml
    // among them.
    assertThat(results.size()).isEqualTo(9);
    assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("bundles/payments/bad.yaml");
    assertThat(log.at("/runs/0/tool/driver/rules").findValuesAsText("id"))
        .contains("privileged_containers", "secrets_in_config");
    assertThat(junit.code()).isEqualTo(1);
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(work.resolve("out.xml").toFile());
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(9);
    assertThat(Files.readString(work.resolve("out.xml"))).doesNotContain("hunter2");
  }

  @Test
  void aWaiverWithOwnerReasonAndExpiryLetsAFindingPassAsWaived(@TempDir Path work)
      throws Exception {
    Path repo = copyOfExampleFleet(work);
    Files.writeString(
        repo.resolve("bundles/payments/db.yaml"),
        VIOLATIONS.substring(VIOLATIONS.indexOf("---") + 4));
    Files.writeString(
        repo.resolve("waivers.yaml"),
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: WaiverList
        waivers:
          - policy: secrets_in_config
            object: ConfigMap payments/db
            owner: payments-team
            reason: Rotated test credential, moved to a Secret in PAY-123
            expires: 2099-12-31
        """);

    CliRun result = run("validate", "--repo", repo.toString());

    assertThat(result.code()).as(result.out()).isZero();
    assertThat(result.out())
        .contains("WAIVED [critical] ConfigMap payments/db — secrets_in_config")
        .contains("waived by payments-team until 2099-12-31")
        .contains("1 waived");
  }

  @Test
  void aWaiverWithoutAReasonIsBadInput(@TempDir Path work) throws Exception {
    Path repo = copyOfExampleFleet(work);
    Files.writeString(
        repo.resolve("waivers.yaml"),
        "apiVersion: fleetgate.io/v1alpha1\nkind: WaiverList\nwaivers:\n  - policy: image_pinned\n    object: Pod a/b\n    owner: me\n    expires: 2099-01-01\n");

    CliRun result = run("validate", "--repo", repo.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).contains("waivers.yaml:4: the waiver lacks reason");
  }

  @Test
  void brokenYamlExitsTwoWithFileAndLine(@TempDir Path work) throws Exception {
    Path repo = copyOfExampleFleet(work);
    Files.writeString(
        repo.resolve("bundles/baseline/broken.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   namespace: y\n");

    CliRun result = run("validate", "--repo", repo.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).contains("bundles/baseline/broken.yaml:5: is not valid YAML");
  }

  @Test
  void judgesNetworkPoliciesOverTheWholeChangeSet(@TempDir Path work) throws Exception {
    Path repo = copyOfExampleFleet(work);
    Path policies = repo.resolve("bundles/payments/networkpolicies.yaml");
    String segmented = Files.readString(policies);
    String[] documents = segmented.split("\n---\n");
    StringBuilder weakened = new StringBuilder();
    for (String document : documents) {
      if (document.contains("name: default-deny-all") && document.contains("namespace: billing")) {
        continue;
      }
      weakened.append(document.replace("metadata.name: ingress", "metadata.name: marketing"));
      weakened.append("\n---\n");
    }
    Files.writeString(policies, weakened.toString());

    CliRun result = run("validate", "--repo", repo.toString());

    assertThat(result.code()).as(result.out()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "bundles/payments/namespaces.yaml:12: DENY [high] Namespace billing —"
                + " network_default_deny: Namespace billing has no default-deny NetworkPolicy")
        .contains(
            "DENY [critical] NetworkPolicy payments/payment-gateway-from-ingress —"
                + " cde_reachability")
        .contains("admits namespace marketing, which is not on the allow-list")
        .contains("controls: PCI-DSS-v4.0:1.3.1, PCI-DSS-v4.0:1.3.2, PCI-DSS-v4.0:1.4.1")
        .contains("2 denial(s)");
  }

  @Test
  void aConftestPolicyInTheFleetRepositoryJoinsTheBuiltInOnes(@TempDir Path work) throws Exception {
    Path repo = copyOfExampleFleet(work);
    Files.createDirectories(repo.resolve("policies"));
    Files.writeString(
        repo.resolve("policies/team.rego"),
        """
        # METADATA
        # title: Deployments name their team
        # custom:
        #   controls: ["ACME-OPS-7"]
        #   severity: high
        #   remediation: Add the fleetgate.io/team label with the owning team's name.
        package main

        deny contains msg if {
          input.kind == "Deployment"
          not input.metadata.labels["fleetgate.io/team"]
          msg := sprintf("Deployment %s has no fleetgate.io/team label", [input.metadata.name])
        }
        """);

    Path data = work.resolve("data");
    CliRun result = run("validate", "--repo", repo.toString(), "--data-dir", data.toString());
    CliRun again = run("validate", "--repo", repo.toString(), "--data-dir", data.toString());

    assertThat(again.out())
        .as("the second run, from the compiled policies kept in the data dir")
        .isEqualTo(result.out());
    try (var cached = Files.list(data.resolve("policy-cache"))) {
      assertThat(cached.count()).isOne();
    }
    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out())
        .contains(
            "bundles/payments/payment-gateway.yaml:1: DENY [high] Deployment"
                + " payments/payment-gateway — main: Deployment payment-gateway has no"
                + " fleetgate.io/team label")
        .contains("controls: ACME-OPS-7")
        .contains("fix: Add the fleetgate.io/team label with the owning team's name.")
        .contains("2 denial(s)");
  }

  @Test
  void aFleetPolicyThatDoesNotCompileIsBadInputWithFileAndLine(@TempDir Path work)
      throws Exception {
    Path repo = copyOfExampleFleet(work);
    Files.createDirectories(repo.resolve("policies/team"));
    Files.writeString(
        repo.resolve("policies/team/labels.rego"),
        "package fleetgate.custom.labels\n\ndeny contains msg if {\n  msg := input.object.kind +\n}\n");
    Files.writeString(
        repo.resolve("policies/override.rego"),
        "package fleetgate.kubernetes.privileged_containers\n\ndeny := set()\n");

    Path data = work.resolve("data");
    CliRun result = run("validate", "--repo", repo.toString(), "--data-dir", data.toString());

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.out())
        .contains(
            "policies/override.rego:1: package fleetgate.kubernetes.privileged_containers is not"
                + " open to the fleet's own policies");

    Files.delete(repo.resolve("policies/override.rego"));
    CliRun compiled = run("validate", "--repo", repo.toString(), "--data-dir", data.toString());

    assertThat(compiled.code()).isEqualTo(2);
    assertThat(compiled.out()).contains("policies/team/labels.rego:5: rego_parse_error");
  }

  private static Path copyOfExampleFleet(Path work) {
    return io.fleetgate.testing.FleetRepo.copyExampleFleet(work.resolve("fleet"));
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
