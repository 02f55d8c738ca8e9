/**
 * Patch evidence for the audit report: the fleet's patch matrix at report time and every patch
 * rollout's history in the period, built from the rollouts' audit rows without any I/O — the record
 * an assessor asks for under PCI-DSS v4.0 requirement 6.3.3.
 */
package io.fleetgate.report.patch;
