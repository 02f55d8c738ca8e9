/**
 * SQLite storage for the audit log, the inventory and sync runs: WAL journal, a busy timeout,
 * immediate write transactions through one connection (one writer), reads on a pool of query-only
 * reader connections that neither wait for the writer nor hold it up, schema by Flyway migrations.
 */
package io.fleetgate.store.sqlite;
