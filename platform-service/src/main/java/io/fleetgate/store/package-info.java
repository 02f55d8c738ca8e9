/** Where Fleetgate keeps its records: the ports' storage adapters. */
package io.fleetgate.store;
