package io.fleetgate.bench;

/**
 * A benchmark cannot run with the settings or on the machine it was given; its message names the
 * setting and the remedy, so {@code bin/bench} prints only that, without a stack trace.
 */
final class BenchSettingException extends RuntimeException {

  BenchSettingException(String message) {
    super(message);
  }
}
