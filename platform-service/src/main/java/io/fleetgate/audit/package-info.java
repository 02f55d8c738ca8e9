/**
 * The tamper-evident audit log: every decision Fleetgate makes (policy verdicts, applies, prunes,
 * cluster outcomes) as an append-only chain of entries, each hashing the one before with SHA-256,
 * so that an edited, inserted or deleted row breaks verification at that row.
 */
package io.fleetgate.audit;
