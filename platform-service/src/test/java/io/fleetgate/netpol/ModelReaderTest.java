package io.fleetgate.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelReaderTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "podSelector: {matchExpressions: [{key: a, operator: Equals, values: [x]}]}"
            + "| spec.podSelector.matchExpressions[0]: operator 'Equals' is not In, NotIn, Exists or DoesNotExist",
        "podSelector: {matchExpressions: [{key: a, operator: In}]}"
            + "| matchExpressions key 'a' with operator In needs at least one value",
        "podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]}]"
            + "| spec.ingress[0].from[0].ipBlock.except[0] 11.0.0.0/16 is not strictly inside 10.0.0.0/8",
        "podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.300/8}}]}]"
            + "| spec.ingress[0].from[0].ipBlock.cidr: '10.0.0.300' is not an IPv4 address",
        "podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0}}]}]"
            + "| is not a CIDR; write an address and a prefix length",
        "podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]"
            + "| spec.ingress[0].from[0] has ipBlock and a selector",
        "podSelector: {}, egress: [{to: [{}]}]"
            + "| spec.egress[0].to[0] is empty; give it a podSelector, a namespaceSelector or an ipBlock",
        "podSelector: {}, ingress: [{ports: [{endPort: 90}]}]"
            + "| spec.ingress[0].ports[0] has endPort without port",
        "podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]"
            + "| has endPort with the named port 'http'",
        "podSelector: {}, ingress: [{ports: [{port: 90, endPort: 80}]}]"
            + "| spec.ingress[0].ports[0].endPort 80 is below port 90",
        "podSelector: {}, ingress: [{ports: [{port: 70000}]}]"
            + "| spec.ingress[0].ports[0].port 70000 is outside 1-65535",
        "podSelector: {}, ingress: [{ports: [{port: 80, protocol: ICMP}]}]"
            + "| spec.ingress[0].ports[0].protocol: protocol 'ICMP' is not TCP, UDP or SCTP",
        "podSelector: {}, policyTypes: [ingress]"
            + "| spec.policyTypes has 'ingress'; use Ingress and/or Egress",
        "podSelector: [a]" + "| spec.podSelector must be a mapping",
      })
  void reportsAPolicyItCannotReadWithFileLineAndFix(String spec, String message) {
    String yaml =
        "{apiVersion: v1, kind: Pod, metadata: {name: a}}\n---\n"
            + "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: bad, namespace: pay}, spec: {"
            + spec
            + "}}";

    ModelRead read = ModelReader.read(Manifests.parse(yaml, "bundles/pay/netpol.yaml"));

    assertThat(read.problems()).hasSize(1);
    assertThat(read.problems().getFirst().toString())
        .startsWith("bundles/pay/netpol.yaml:2: NetworkPolicy pay/bad: ")
        .contains(message);
    assertThat(read.model().policies()).isEmpty();
    assertThat(read.model().workloads()).hasSize(1);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{apiVersion: v1, kind: Pod, metadata: {labels: {a: b}}}| metadata.name is missing; name the object",
        "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, ports: [{containerPort: 0}]}]}}"
            + "| containers[0].ports[0].containerPort must be a port in 1-65535",
        "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {metadata: {labels: [x]}}}}"
            + "| pod labels must be a mapping",
        "{apiVersion: v1, kind: PodList, items: {a: b}}| PodList: items must be a list",
      })
  void reportsAWorkloadItCannotRead(String yaml, String message) {
    ModelRead read = ModelReader.read(Manifests.parse(yaml, "apps.yaml"));

    assertThat(read.problems())
        .singleElement()
        .asString()
        .startsWith("apps.yaml:1: ")
        .contains(message);
  }

  @org.junit.jupiter.api.Test
  void refusesAPolicyDeclaredTwice() {
    String policy =
        "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p}, spec: {podSelector: {}}}";

    ModelRead read = ModelReader.read(Manifests.parse(policy + "\n---\n" + policy, "np.yaml"));

    assertThat(read.problems())
        .singleElement()
        .asString()
        .isEqualTo(
            "np.yaml:2: NetworkPolicy default/p: is declared again; the first is at np.yaml:1. Keep one.");
  }

  @org.junit.jupiter.api.Test
  void ignoresKindsThatCarryNoPods() {
    String yaml =
        "{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {selector: {app: a}}}\n---\n"
            + "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}";

    ModelRead read = ModelReader.read(Manifests.parse(yaml, "x.yaml"));

    assertThat(read.ok()).isTrue();
    assertThat(read.model().workloads()).isEmpty();
  }
}
