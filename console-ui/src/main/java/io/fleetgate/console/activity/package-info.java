/**
 * The activity view: each commit's journey through the fleet — validated, then applied (or held
 * back) on each cluster — as a live timeline fed by the platform's event stream.
 */
package io.fleetgate.console.activity;
