package io.fleetgate.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The waivers of one repository revision, checked against findings on a given day. */
public record Waivers(List<Waiver> waivers) {

  public Waivers {
    waivers = List.copyOf(waivers);
  }

  public static Waivers none() {
    return new Waivers(List.of());
  }

  /** The waiver that covers the finding, active or expired, if any (active ones first). */
  public Optional<Waiver> find(Finding finding, String object, String cluster, LocalDate today) {
    if (finding.policy().equals(Finding.ENGINE)) {
      return Optional.empty(); // an engine failure is never waived: fail closed
    }
    List<Waiver> matching =
        waivers.stream().filter(w -> w.covers(finding.policy(), object, cluster)).toList();
    return matching.stream()
        .filter(w -> w.activeOn(today))
        .findFirst()
        .or(() -> matching.stream().findFirst());
  }
}
