package io.fleetgate.netpol;

/**
 * One entry of a rule's {@code from} or {@code to} list: pods chosen by selectors, or addresses.
 */
public sealed interface Peer {

  /**
   * Pods chosen by a namespace selector and a pod selector, both of which must hold (AND).
   *
   * @param namespaces the namespaces; {@code null} means the policy's own namespace only
   * @param pods the pods in those namespaces; {@code null} means every pod
   */
  record Pods(LabelSelector namespaces, LabelSelector pods) implements Peer {}

  /** Addresses outside the cluster's pods. */
  record Addresses(IpBlock block) implements Peer {}
}
