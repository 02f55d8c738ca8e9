package io.fleetgate.rollout.run;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where rollouts keep their state between steps and restarts, beside the audit log. */
public interface RolloutRecords {

  /** The rollout's state as last saved, with the target it started on and its version. */
  Optional<Stored> load(String rollout);

  /** Every rollout ever saved, by name. */
  List<Stored> all();

  /**
   * Saves the state and appends its audit events in one transaction, if the rollout is still at
   * {@code version} (0: never saved); returns false, saving nothing, when another writer saved it
   * in between.
   *
   * @param target the target the rollout runs to, as {@code RolloutTarget.describe} says it
   */
  boolean save(RolloutState state, String target, long version, List<AuditEvent> events);

  /** The rollout's latest audit steps, newest first. */
  List<Step> recent(String rollout, int limit);

  /**
   * @param target the target it started on ("" while pending)
   * @param version increases with every save
   */
  record Stored(RolloutState state, String target, long version) {}

  /** One audit row of a rollout. */
  record Step(Instant at, String kind, String wave, String cluster, String message) {}
}
