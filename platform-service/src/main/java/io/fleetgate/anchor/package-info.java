/**
 * The audit chain's anchor: its head (row count and last hash) exported after each run to a JSON
 * file, optionally signed with an Ed25519 key, and read back to check the chain against it.
 */
package io.fleetgate.anchor;
