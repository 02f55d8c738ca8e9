/**
 * Files and directories only their owner may read: the data directory, the database, reports and
 * working copies. No other Fleetgate type; the JDK's file API only.
 */
package io.fleetgate.files;
