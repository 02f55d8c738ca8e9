package io.fleetgate.argocd.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretNamesTest {

  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  record Case(ClusterId cluster, String want) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case(new ClusterId("a", "prod"), "fleetgate-a.prod"),
        new Case(new ClusterId("a-b", "c"), "fleetgate-a-b.c"),
        new Case(new ClusterId("a", "b-c"), "fleetgate-a.b-c"),
        new Case(new ClusterId("fleet", "beijing.prod"), "fleetgate-fleet.beijing.prod"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void namesAClusterByItsNamespaceAndName(Case c) {
    assertThat(SecretNames.of(c.cluster())).isEqualTo(c.want());
  }

  @ParameterizedTest
  @MethodSource("longOnes")
  void shortensLongNamesWithAHashToValidNamesOfExactlyTheLimit(ClusterId cluster) {
    String name = SecretNames.of(cluster);
    assertThat(name).hasSize(SecretNames.MAX).matches(DNS_1123_SUBDOMAIN);
  }

  static Stream<ClusterId> longOnes() {
    return Stream.of(
        new ClusterId("n".repeat(63), "c".repeat(63)),
        new ClusterId("team-payments", "x".repeat(33) + "-" + "y".repeat(20)),
        // The cut falls on a dot or a dash: they are trimmed and made up with hash digits.
        new ClusterId("n".repeat(35), "-".repeat(0) + "c".repeat(40)),
        new ClusterId("n".repeat(34) + "-", "c".repeat(40)));
  }

  @ParameterizedTest
  @MethodSource("families")
  void neverGivesTwoClustersOneName(List<ClusterId> clusters) {
    Set<String> names = new HashSet<>();
    clusters.forEach(c -> names.add(SecretNames.of(c)));
    assertThat(names).hasSize(clusters.size());
  }

  static Stream<List<ClusterId>> families() {
    String longNamespace = "n".repeat(50);
    return Stream.of(
        List.of(new ClusterId("a-b", "c"), new ClusterId("a", "b-c"), new ClusterId("a", "b.c")),
        // Same long start: only the hash tells them apart.
        List.of(
            new ClusterId(longNamespace, "prod-1"),
            new ClusterId(longNamespace, "prod-2"),
            new ClusterId(longNamespace + "x", "prod-1")),
        // A full name one short of the limit beside a shortened one.
        List.of(
            new ClusterId("n".repeat(40), "c".repeat(11)),
            new ClusterId("n".repeat(40), "c".repeat(12))));
  }
}
