package io.fleetgate.rollout;

import java.util.List;

/**
 * The gates that ask something outside the rollout: the SLO burn (through the SLO gate) and the
 * policy decisions at the revision being synced. The engine answers health, approvals and
 * maintenance windows itself.
 */
public interface GateSource {

  /** Whether the SLO's burn rate on these clusters is within the gate's threshold. */
  GateAnswer sloBurn(Gate.SloBurn gate, List<String> clusters);

  /** Whether any object of these clusters is denied by policy. */
  GateAnswer policyDenials(List<String> clusters);
}
