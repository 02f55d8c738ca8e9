/**
 * The {@code fleetgate} command line (picocli): one class per command, each a thin shell that
 * parses flags, calls the engine and prints; exit codes are 0 success, 1 failure, 2 bad input.
 */
package io.fleetgate.cli;
