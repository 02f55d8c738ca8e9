/**
 * Service level objectives: OpenSLO v1 and Sloth {@code prometheus/v1} specs read into one model
 * (with file, line and field for every refusal), and the Prometheus recording rules and multiwindow
 * multi-burn-rate alerts they imply. Pure: no I/O; the spec files are read by {@code slosource}.
 */
package io.fleetgate.slo;
