/**
 * The Fleetgate domain: clusters, targets and the values every stage passes on, with no I/O.
 *
 * <p>Nothing here depends on Kubernetes, Git, SQL or JavaFX libraries; adapters translate to and
 * from these types at their boundary.
 */
package io.fleetgate.domain;
