package io.fleetgate.report.patch;

import java.time.Instant;

/**
 * One audit row a patch rollout wrote, as the audit log holds it.
 *
 * @param kind {@code rollout.<event>}, e.g. {@code rollout.cluster_done}
 * @param cluster the cluster it concerns, or "" for the rollout or a wave
 * @param object {@code PatchRollout <name>}
 * @param detail {@code wave <name>: <message>}, or the message alone
 */
public record RolloutRow(
    long sequence, Instant time, String kind, String cluster, String object, String detail) {}
