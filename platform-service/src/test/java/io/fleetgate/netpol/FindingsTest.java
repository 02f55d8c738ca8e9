package io.fleetgate.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindingsTest {

  @Test
  void findsPoliciesThatSelectNothingAdmitEveryAddressOrAreShadowed() {
    String yaml =
        """
        {apiVersion: v1, kind: Pod, metadata: {name: a, namespace: x, labels: {app: a}}}
        ---
        {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: deny, namespace: x}, spec: {podSelector: {}, policyTypes: [Ingress, Egress]}}
        ---
        {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: ghost, namespace: x}, spec: {podSelector: {matchLabels: {app: nobody}}}}
        ---
        {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: web, namespace: x}, spec: {podSelector: {}, ingress: [{ports: [{port: 80}, {port: 443}]}, {from: [{podSelector: {}}], ports: [{port: 443}]}], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]}]}}
        """;

    NetworkAnalysis analysis = NetworkAnalysis.of(Manifests.model(yaml));

    assertThat(Findings.of(analysis, ProtectedNamespaces.defaults()))
        .extracting(NetpolFinding::toString)
        .containsExactly(
            "warn any-address case.yaml:4 NetworkPolicy x/web: egress rule 1 admits 0.0.0.0/0 (with"
                + " exceptions), every address; name the ranges that need it",
            "warn selects-nothing case.yaml:3 NetworkPolicy x/ghost: selects no workload in namespace"
                + " x; fix its podSelector or remove it",
            "info shadowed-rule case.yaml:4 NetworkPolicy x/web: ingress rule 2 admits nothing that"
                + " x/web ingress rule 1 does not; remove it or narrow the broader one");
  }

  @Test
  void findsANamespaceWithoutDefaultDeny() {
    NetworkAnalysis analysis =
        NetworkAnalysis.of(
            Manifests.model("{apiVersion: v1, kind: Pod, metadata: {name: a, namespace: y}}"));

    assertThat(Findings.of(analysis, ProtectedNamespaces.defaults()))
        .extracting(NetpolFinding::toString)
        .containsExactly(
            "warn no-default-deny case.yaml:1 namespace y: has no default-deny egress policy; add one"
                + " with podSelector: {} and policyTypes: [Egress]",
            "warn no-default-deny case.yaml:1 namespace y: has no default-deny ingress policy; add one"
                + " with podSelector: {} and policyTypes: [Ingress]");
  }
}
