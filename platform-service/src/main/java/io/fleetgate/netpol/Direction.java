package io.fleetgate.netpol;

/** The two directions a NetworkPolicy isolates. */
public enum Direction {
  INGRESS,
  EGRESS;

  /** {@code ingress} or {@code egress}, as manifests and messages spell it. */
  public String word() {
    return this == INGRESS ? "ingress" : "egress";
  }
}
