package io.fleetgate.policy.opaserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading {@code /proc/PID/net/tcp}: only a listening loopback socket of the process counts. */
class ListeningPortTest {

  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode";

  @Test
  void findsTheListeningLoopbackSocketWhoseInodeIsTheProcesss() {
    List<String> tcp =
        List.of(
            HEADER,
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1",
            "   1: 0100007F:9669 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 222 1",
            "   2: 0100007F:9669 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 333 1");

    assertThat(ListeningPort.parse(tcp, Set.of("222", "333"))).hasValue(0x9669);
    assertThat(ListeningPort.parse(tcp, Set.of("333"))).as("established, not listening").isEmpty();
    assertThat(ListeningPort.parse(tcp, Set.of("999"))).as("another process's socket").isEmpty();
  }

  @Test
  void ignoresAListenerOnAnotherAddress() {
    List<String> tcp =
        List.of(
            HEADER,
            "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1");

    assertThat(ListeningPort.parse(tcp, Set.of("111"))).isEmpty();
  }
}
