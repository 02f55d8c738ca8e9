/**
 * The Prometheus HTTP API as {@code slo}'s metrics source: instant queries with a deadline for the
 * whole call and a cap on the answer's size, every failure an answer rather than an exception.
 */
package io.fleetgate.prometheus;
