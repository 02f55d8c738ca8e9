/**
 * Compliance audit reports from the audit log: what each policy decided about which object, in
 * which commit and cluster, when, by whom committed, mapped to compliance controls (PCI-DSS v4.0),
 * with the audit chain's verification — as HTML (and PDF), JSON, SARIF, JUnit or OpenReports.
 */
package io.fleetgate.report;
