/**
 * Patch rollouts: the {@code PatchRollout} documents of a config repository's {@code rollouts/}
 * read into one model — what changes, the waves of clusters it goes through, the gates that hold
 * each wave, what happens when a wave fails — with file, line and field for every refusal; and the
 * pure rules over it: which clusters each wave reaches, and when a maintenance window is open.
 * Pure: no I/O; the files are read by {@code render.RolloutFiles}.
 */
package io.fleetgate.rollout;
