/**
 * The cross-check of Fleetgate's NetworkPolicy engine with a peer analyser, Cyclonus: scenarios
 * written once ({@code netpol/peer/scenarios.yaml}), Cyclonus' simulated probe run on each as the
 * real binary from the tool cache, its truth table parsed into typed verdicts, and the comparison
 * that names every cell where the two disagree.
 */
package io.fleetgate.netpol.peer;
