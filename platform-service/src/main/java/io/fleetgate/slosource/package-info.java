/**
 * Reads a config repository's {@code slos/} directory into the SLO catalog: the files are read with
 * the manifests' limits and confinement ({@code render.SpecFiles}), then judged by {@code
 * slo.SloReader}.
 */
package io.fleetgate.slosource;
