package io.fleetgate.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Fleetgate's logging, set up in code when the first logger is asked for: human-readable lines on
 * stderr at {@code FLEETGATE_LOG_LEVEL} (WARN unless set), the Kubernetes client and OkHttp at
 * WARN. Reading the same from an XML file cost every command about 30 ms of start-up. A
 * configuration file named by {@code -Dlogback.configurationFile} still wins: then this steps
 * aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class StderrLogging extends ContextAwareBase implements Configurator {

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} %mdc - %msg%n";

  /** Found by Logback through {@code META-INF/services}. */
  public StderrLogging() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(
        level(System.getProperty("FLEETGATE_LOG_LEVEL", System.getenv("FLEETGATE_LOG_LEVEL"))));
    root.addAppender(stderr);
    context.getLogger("io.kubernetes").setLevel(Level.WARN);
    context.getLogger("okhttp3").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The level a setting names; WARN when it names none. */
  static Level level(String setting) {
    return setting == null || setting.isBlank()
        ? Level.WARN
        : Level.toLevel(setting.strip(), Level.WARN);
  }
}
