package io.fleetgate.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReachabilityDiffTest {

  private static final String POD =
      "{apiVersion: v1, kind: Pod, metadata: {name: a, labels: {app: a}}}\n---\n";

  private static String egressTo(String cidr) {
    return "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p}, spec:"
        + " {podSelector: {}, policyTypes: [Ingress, Egress], egress: [{to: [{ipBlock: {cidr: "
        + cidr
        + "}}], ports: [{port: 443}]}]}}";
  }

  @Test
  void comparesAddressRowsOnBothRevisionsCuts() {
    NetworkAnalysis before = NetworkAnalysis.of(Manifests.model(POD + egressTo("10.0.0.0/8")));
    NetworkAnalysis after = NetworkAnalysis.of(Manifests.model(POD + egressTo("10.0.0.0/16")));

    assertThat(ReachabilityDiff.between(before, after))
        .extracting(ConnectionChange::toString)
        .containsExactly("closes default/a[Pod] => 10.1.0.0-10.255.255.255 TCP 443");
    assertThat(ReachabilityDiff.between(after, before))
        .extracting(ConnectionChange::toString)
        .containsExactly("opens default/a[Pod] => 10.1.0.0-10.255.255.255 TCP 443");
  }

  @Test
  void reportsPortsOpenedAndClosedOnOnePair() {
    String pods = POD + "{apiVersion: v1, kind: Pod, metadata: {name: b, labels: {app: b}}}\n---\n";
    String policy =
        "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p}, spec:"
            + " {podSelector: {matchLabels: {app: b}}, ingress: [{ports: [{port: %d}]}]}}";

    NetworkAnalysis before = NetworkAnalysis.of(Manifests.model(pods + policy.formatted(80)));
    NetworkAnalysis after = NetworkAnalysis.of(Manifests.model(pods + policy.formatted(8080)));

    assertThat(ReachabilityDiff.between(before, after))
        .extracting(ConnectionChange::toString)
        .containsExactly(
            "opens 0.0.0.0-255.255.255.255 => default/b[Pod] TCP 8080; closes TCP 80",
            "opens default/a[Pod] => default/b[Pod] TCP 8080; closes TCP 80");
    assertThat(ReachabilityDiff.between(before, before)).isEmpty();
  }
}
