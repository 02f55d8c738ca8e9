/**
 * Pre-commit and CI validation of a working copy of the fleet repository ({@code fleetgate
 * validate}): the same renderer and the same policy bundle the sync gate uses, for every cluster
 * the repository declares, reported as text, JSON, SARIF 2.1.0 or JUnit XML.
 */
package io.fleetgate.validate;
