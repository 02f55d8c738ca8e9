package io.fleetgate.patch;

/**
 * One row of the matrix: the nodes of one cluster at one patch level.
 *
 * @param nodes nodes at this level
 * @param upToDate of them, those the target counts as up to date (0 when the target names nothing)
 * @param notReady of them, those whose Ready condition is false or unknown
 * @param cordoned of them, those marked unschedulable
 */
public record LevelRow(PatchLevel level, int nodes, int upToDate, int notReady, int cordoned) {}
