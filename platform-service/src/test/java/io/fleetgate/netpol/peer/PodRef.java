package io.fleetgate.netpol.peer;

/** A pod of a scenario's model, {@code namespace/name}. */
record PodRef(String namespace, String name) implements Comparable<PodRef> {

  static PodRef parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("'" + text + "' is not a pod; write NAMESPACE/NAME");
    }
    return new PodRef(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public int compareTo(PodRef other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
