/**
 * Evaluates the policy bundle on an OPA server over its REST API ({@code POST
 * /v1/data/fleetgate/main/decision}): an external server, or one Fleetgate starts and supervises
 * with the pinned {@code opa} binary. Timeouts and errors fail closed.
 */
package io.fleetgate.policy.opaserver;
