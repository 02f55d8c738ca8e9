/**
 * The Fleetgate desktop console: the JavaFX application, its main window and the connection to a
 * platform (embedded in this JVM, against a management cluster).
 *
 * <p>Views only bind; view models hold state and commands and run platform calls off the UI thread.
 * The console reaches the platform only through {@code io.fleetgate.api} and the composition root
 * {@code io.fleetgate.app}.
 */
package io.fleetgate.console;
