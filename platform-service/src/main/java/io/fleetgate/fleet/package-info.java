/**
 * The fleet inventory: which workload clusters exist, whether each answers, and what it runs; the
 * read model behind the console's fleet overview.
 */
package io.fleetgate.fleet;
