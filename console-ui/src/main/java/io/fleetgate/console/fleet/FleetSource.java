package io.fleetgate.console.fleet;

import java.time.Instant;
import java.util.List;

/** Where the fleet overview reads the fleet from; may block on the network. */
@FunctionalInterface
public interface FleetSource {

  Picture read();

  /**
   * @param problems sentences about clusters that cannot be shown as they should
   */
  record Picture(Instant takenAt, List<FleetRow> rows, List<String> problems) {
    public Picture {
      rows = List.copyOf(rows);
      problems = List.copyOf(problems);
    }
  }
}
