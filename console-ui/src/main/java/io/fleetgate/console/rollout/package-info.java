/**
 * The Rollouts tab: every patch rollout with its phase, the selected one's waves × clusters (each
 * cluster's nodes up to date as a bar, the gate that holds a wave and why, with an SLO gate's burn
 * rate per cluster against its threshold), its recent steps and the commands people give it; and
 * the fleet's patch matrix (cluster × Kubernetes version × kernel × OS image), filtered, judged
 * against a rollout or chosen versions, exported as spreadsheet-safe CSV. A cluster that could not
 * be read says so; it never reads as zero nodes.
 */
package io.fleetgate.console.rollout;
