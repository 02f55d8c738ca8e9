/**
 * Keeps OpenReports objects ({@code openreports.io/v1alpha1} Report and ClusterReport) in each
 * workload cluster up to date with the policy decisions of its latest sync, the way Kyverno keeps
 * its policy reports, so in-cluster tools read Fleetgate's findings without asking Fleetgate.
 */
package io.fleetgate.openreports;
