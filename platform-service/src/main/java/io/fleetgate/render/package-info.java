/**
 * Renders the fleet config repository into the objects each cluster should hold: reads {@code
 * fleet.yaml}, selects bundles by the cluster's Cluster API labels, loads manifests strictly (size,
 * alias, depth and duplicate-key limits; no path or symlink escaping the repository), merges
 * cluster overlays, substitutes cluster variables and refuses duplicates.
 *
 * <p>Every problem names the file and line and says what to do; rendering never throws for bad
 * input, it reports.
 */
package io.fleetgate.render;
