/**
 * The audit reports view: choose a range, a cluster and a control, generate the report on the
 * platform, preview its HTML inside the console, and export it as PDF, SARIF, JUnit, JSON or
 * OpenReports.
 */
package io.fleetgate.console.reports;
