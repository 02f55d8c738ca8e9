/**
 * What Fleetgate applied to each cluster, per bundle: the only objects it may ever prune, and the
 * content hashes that let an unchanged object be skipped.
 */
package io.fleetgate.inventory;
