/**
 * The SLO view: every SLO sorted by risk with its error budget as a bar, its clusters' budgets,
 * burn rates and time to exhaustion (or why they are unknown), and charts of the burn rates against
 * the SLO's alert thresholds and of the budget over the window, from the platform's snapshots.
 */
package io.fleetgate.console.slo;
