/**
 * Test support shared by every module's integration tests: the JUnit 5 extension that provides the
 * sandbox fleet of real control planes.
 */
package io.fleetgate.testing;
