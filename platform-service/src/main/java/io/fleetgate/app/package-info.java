/**
 * The composition root: the only package that knows every other one and wires adapters to ports by
 * hand. The console starts an embedded platform through it.
 */
package io.fleetgate.app;
