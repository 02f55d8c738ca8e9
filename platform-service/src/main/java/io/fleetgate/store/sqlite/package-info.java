/**
 * SQLite storage for the audit log, the inventory and sync runs: WAL journal, a busy timeout,
 * immediate write transactions through one connection (one writer), schema by Flyway migrations.
 */
package io.fleetgate.store.sqlite;
