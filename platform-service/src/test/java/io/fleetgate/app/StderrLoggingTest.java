package io.fleetgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class StderrLoggingTest {

  @Test
  void writesLinesOnStderrAtWarnWithTheKubernetesClientQuieted() {
    LoggerContext context = new LoggerContext();
    StderrLogging logging = new StderrLogging();
    logging.setContext(context);

    assertThat(logging.configure(context))
        .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel())
        .isEqualTo(StderrLogging.level(System.getenv("FLEETGATE_LOG_LEVEL")));
    var appender = (ConsoleAppender<?>) root.getAppender("STDERR");
    assertThat(appender.isStarted()).isTrue();
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern())
        .isEqualTo(StderrLogging.PATTERN);
    assertThat(context.getLogger("io.kubernetes").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("okhttp3").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void readsTheLevelFromTheSettingAndFallsBackToWarn() {
    assertThat(StderrLogging.level(null)).isEqualTo(Level.WARN);
    assertThat(StderrLogging.level(" ")).isEqualTo(Level.WARN);
    assertThat(StderrLogging.level("debug")).isEqualTo(Level.DEBUG);
    assertThat(StderrLogging.level("INFO ")).isEqualTo(Level.INFO);
    assertThat(StderrLogging.level("loud")).isEqualTo(Level.WARN);
  }

  @Test
  void isWhatLogbackFindsFirst() {
    assertThat(
            java.util.ServiceLoader.load(Configurator.class).stream()
                .map(provider -> provider.type().getName()))
        .containsExactly(StderrLogging.class.getName());
  }
}
