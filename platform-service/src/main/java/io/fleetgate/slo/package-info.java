/**
 * Service level objectives: OpenSLO v1 and Sloth {@code prometheus/v1} specs read into one model
 * (with file, line and field for every refusal), and the Prometheus recording rules and multiwindow
 * multi-burn-rate alerts they imply; their figures read from each cluster's Prometheus through the
 * {@link io.fleetgate.slo.MetricsSource} port, rolled up across clusters, and the gate other parts
 * ask. Pure: no I/O; the spec files are read by {@code render.SloFiles}, Prometheus is asked by the
 * {@code prometheus} adapter.
 */
package io.fleetgate.slo;
