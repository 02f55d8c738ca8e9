/**
 * Small UI plumbing shared by views and view models: running work off and back onto the UI thread.
 */
package io.fleetgate.console.ui;
