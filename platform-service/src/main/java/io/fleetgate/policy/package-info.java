/**
 * Validates rendered objects with Open Policy Agent: the {@link
 * io.fleetgate.policy.PolicyEvaluator} port, the input document every adapter sends, and the {@link
 * io.fleetgate.policy.PolicyGate} that fails closed — an engine error, a timeout or an unreadable
 * answer denies.
 */
package io.fleetgate.policy;
