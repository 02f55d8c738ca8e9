package io.fleetgate.sync;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.Observation;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Revision;
import io.fleetgate.plan.SyncPlan;
import io.fleetgate.policy.GateResult;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.RenderResult;
import java.util.List;

/**
 * One cluster's reconcile on this run: what it was given, and what each phase found and decided.
 * Every field is filled by this run's phases; nothing carries over from an earlier run.
 */
final class ClusterScope {

  final ClusterAccess access;
  final LoadedRepo repo;
  final Revision revision;
  final SyncOptions options;

  /** The run this reconcile belongs to; 0 for a dry run, which records nothing. */
  final long run;

  RenderResult render;
  GateResult gate;
  ClusterWriter writer;
  SyncPlan plan;

  List<ObjectResult> results = List.of();
  Observation observation = Observation.NONE;

  /** Set by the phase that ends the reconcile (or by the last one). */
  ClusterOutcome outcome;

  ClusterScope(
      ClusterAccess access, LoadedRepo repo, Revision revision, SyncOptions options, long run) {
    this.access = access;
    this.repo = repo;
    this.revision = revision;
    this.options = options;
    this.run = run;
  }

  /** The cluster's name, as logs, events and the audit log show it. */
  String cluster() {
    return access.target().name();
  }

  ClusterTarget target() {
    return access.target();
  }

  /** The cluster's identity in records: {@code namespace/name}. */
  String key() {
    return access.target().qualifiedName();
  }

  boolean recording() {
    return !options.dryRun();
  }

  boolean ended() {
    return outcome != null;
  }

  void end(ClusterOutcome outcome) {
    this.outcome = outcome;
  }
}
