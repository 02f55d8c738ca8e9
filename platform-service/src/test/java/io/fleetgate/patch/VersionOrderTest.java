package io.fleetgate.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VersionOrderTest {

  record Case(String name, String lower, String higher) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("patch numbers as numbers", "v1.34.9", "v1.34.10"),
        new Case("minor numbers as numbers", "v1.9.0", "v1.10.0"),
        new Case("with or without v", "1.34.2", "v1.34.3"),
        new Case("a release after its release candidate", "v1.35.0-rc.1", "v1.35.0"),
        new Case("release candidates by number", "v1.35.0-rc.2", "v1.35.0-rc.10"),
        new Case("kernels by their build number", "6.8.0-45-generic", "6.8.0-100-generic"),
        new Case("kernels by version first", "5.15.0-200-generic", "6.8.0-45-generic"),
        new Case("OS images by their numbers", "Ubuntu 22.04.5 LTS", "Ubuntu 24.04.1 LTS"),
        new Case("OS point releases by number", "Flatcar 9.2", "Flatcar 10.1"),
        new Case("numbers of any length", "v1.2.99999999999999999998", "v1.2.99999999999999999999"),
        new Case("empty last", "v1.0.0", ""),
        new Case("equal by number, then by text", "1.34", "1.34.0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ordersLikePeopleRead(Case c) {
    assertThat(VersionOrder.INSTANCE.compare(c.lower(), c.higher())).isNegative();
    assertThat(VersionOrder.INSTANCE.compare(c.higher(), c.lower())).isPositive();
    assertThat(VersionOrder.INSTANCE.compare(c.lower(), c.lower())).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sortsTheSameWhateverTheInputOrder(Case c) {
    List<String> versions = new ArrayList<>(List.of(c.higher(), "v1.34.10", c.lower(), "v1.34.9"));
    Collections.shuffle(versions, new java.util.Random(c.name().hashCode()));
    List<String> once = versions.stream().sorted(VersionOrder.INSTANCE).toList();
    Collections.reverse(versions);
    assertThat(versions.stream().sorted(VersionOrder.INSTANCE).toList()).isEqualTo(once);
    assertThat(once.indexOf(c.lower())).isLessThan(once.indexOf(c.higher()));
  }
}
