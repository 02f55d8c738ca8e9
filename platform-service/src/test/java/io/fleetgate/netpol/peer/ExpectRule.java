package io.fleetgate.netpol.peer;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One line of a scenario's expectation: {@code allow|block SOURCES -> DESTINATIONS [PROBES]}.
 * Sources and destinations are comma-separated {@code namespace/name} patterns where either part
 * may be {@code *}; probes are comma-separated {@code PORT/PROTOCOL}, all probes when left out.
 * Rules apply in order over "everything allowed", the last matching rule wins.
 */
record ExpectRule(
    boolean allow, List<String> sources, List<String> destinations, Set<PortProtocol> probes) {

  static ExpectRule parse(String line) {
    String[] words = line.trim().split("\\s+");
    boolean valid =
        (words.length == 4 || words.length == 5)
            && (words[0].equals("allow") || words[0].equals("block"))
            && words[2].equals("->");
    if (!valid) {
      throw new IllegalArgumentException(
          "'"
              + line
              + "' is not an expectation; write 'allow|block SRC -> DST [PORT/PROTOCOL,…]',"
              + " e.g. 'block * -> x/a 80/TCP'");
    }
    Set<PortProtocol> probes =
        words.length == 5
            ? Arrays.stream(words[4].split(","))
                .map(PortProtocol::parse)
                .collect(Collectors.toSet())
            : Set.of();
    return new ExpectRule(words[0].equals("allow"), patterns(words[1]), patterns(words[3]), probes);
  }

  boolean matches(Verdict.Cell cell) {
    return matchesAny(sources, cell.source())
        && matchesAny(destinations, cell.destination())
        && (probes.isEmpty() || probes.contains(cell.probe()));
  }

  private static List<String> patterns(String word) {
    List<String> patterns = List.of(word.split(","));
    for (String p : patterns) {
      if (!p.equals("*")) {
        PodRef.parse(p);
      }
    }
    return patterns;
  }

  private static boolean matchesAny(List<String> patterns, PodRef pod) {
    return patterns.stream().anyMatch(p -> matches(p, pod));
  }

  private static boolean matches(String pattern, PodRef pod) {
    if (pattern.equals("*")) {
      return true;
    }
    PodRef wanted = PodRef.parse(pattern);
    return (wanted.namespace().equals("*") || wanted.namespace().equals(pod.namespace()))
        && (wanted.name().equals("*") || wanted.name().equals(pod.name()));
  }
}
