package io.fleetgate.report.patch;

import io.fleetgate.patch.PatchMatrix;
import java.time.Instant;

/** The patch matrix part of the section: the fleet's nodes at report time, or why they are not. */
public sealed interface MatrixPart {

  /**
   * @param targetSource where the target came from, e.g. {@code rollout kernel-2026-11} or {@code
   *     versions given}; {@code none} when the nodes are counted without judging
   * @param at when the nodes were read
   */
  record Read(PatchMatrix matrix, String targetSource, Instant at) implements MatrixPart {}

  /**
   * The matrix could not be read at all — no management cluster given, or it could not be reached.
   *
   * @param reason one sentence, saying what to do
   */
  record NotRead(String reason) implements MatrixPart {}
}
