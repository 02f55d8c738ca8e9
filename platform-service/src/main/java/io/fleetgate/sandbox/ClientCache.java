package io.fleetgate.sandbox;

import io.fleetgate.kube.ClusterApi;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One client per sandbox member, opened on first use and kept, so a loop that asks every half
 * second does not open a connection pool each time. A client that failed is forgotten, and the next
 * use opens a new one from the member's kubeconfig as it is then (a member started again may listen
 * on another port).
 */
final class ClientCache implements Function<String, ClusterApi> {

  private final Function<String, ClusterApi> open;
  private final Map<String, ClusterApi> clients = new ConcurrentHashMap<>();

  ClientCache(Function<String, ClusterApi> open) {
    this.open = open;
  }

  @Override
  public ClusterApi apply(String member) {
    return clients.computeIfAbsent(member, open);
  }

  /** Drops the member's client; calls in flight on it finish or fail on their own. */
  void forget(String member) {
    clients.remove(member);
  }
}
