package io.fleetgate.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "10.0.0.0/8, 10.0.0.0-10.255.255.255",
    "10.1.2.3/16, 10.1.0.0-10.1.255.255",
    "0.0.0.0/0, 0.0.0.0-255.255.255.255",
    "192.168.1.1/32, 192.168.1.1-192.168.1.1",
    "fd00::/8, fd00:0:0:0:0:0:0:0-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    "::ffff:10.0.0.0/120, 0:0:0:0:0:ffff:a00:0-0:0:0:0:0:ffff:a00:ff",
    "2001:db8::1/128, 2001:db8:0:0:0:0:0:1-2001:db8:0:0:0:0:0:1",
  })
  void readsACidrAsTheRangeItCovers(String cidr, String range) {
    assertThat(IpRange.parseCidr(cidr)).hasToString(range);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "localhost/8",
        "10.0.0/8",
        "1:2:3:4:5:6:7:8:9/64",
        "1::2::3/64",
        "10.0.0.0/33",
        "::/129"
      })
  void refusesWhatIsNotACidrWithoutLookingAnythingUp(String cidr) {
    assertThatThrownBy(() -> IpRange.parseCidr(cidr)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cutsTheSpaceAtEveryBoundary() {
    AddressSpace space =
        AddressSpace.cutAt(
            java.util.List.of(IpRange.parseCidr("10.0.0.0/8"), IpRange.parseCidr("10.1.0.0/16")));

    assertThat(space.pieces())
        .extracting(IpRange::toString)
        .containsExactly(
            "0.0.0.0-9.255.255.255",
            "10.0.0.0-10.0.255.255",
            "10.1.0.0-10.1.255.255",
            "10.2.0.0-10.255.255.255",
            "11.0.0.0-255.255.255.255");
  }
}
