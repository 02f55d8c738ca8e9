package io.fleetgate.httpapi;

import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code POST /api/v1/admin/profile?seconds=N}: records a Java Flight Recorder profile of the
 * running platform for N seconds (1–120) and answers the {@code .jfr} file, for JDK Mission Control
 * or {@code jfr print}. One recording at a time. The recording leaves out the process's environment
 * variables and system properties, which hold secrets (FLEETGATE_GIT_TOKEN,
 * FLEETGATE_WEBHOOK_SECRET, …).
 */
final class Profiler {

  private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);

  /** Events of the "profile" settings that would copy secrets into the file. */
  static final java.util.List<String> LEFT_OUT =
      java.util.List.of("jdk.InitialEnvironmentVariable", "jdk.InitialSystemProperty");

  private Profiler() {}

  /** A recording with the JDK's "profile" settings, less the events that carry secrets. */
  static Recording recording() throws java.io.IOException, java.text.ParseException {
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setName("fleetgate-api");
    LEFT_OUT.forEach(recording::disable);
    return recording;
  }

  static void record(Context ctx) throws Exception {
    String given = ctx.queryParam("seconds");
    int seconds;
    try {
      seconds = given == null ? 10 : Integer.parseInt(given);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("seconds must be a whole number from 1 to 120");
    }
    if (seconds < 1 || seconds > 120) {
      throw ApiError.badRequest("seconds must be a whole number from 1 to 120");
    }
    if (!ONE_AT_A_TIME.tryAcquire()) {
      throw new ApiError(409, "a profile is being recorded already; try again when it is done");
    }
    Path file = Files.createTempFile("fleetgate-profile-", ".jfr");
    try (Recording recording = recording()) {
      recording.start();
      Thread.sleep(Duration.ofSeconds(seconds));
      recording.stop();
      recording.dump(file);
      byte[] bytes = Files.readAllBytes(file);
      ctx.contentType("application/octet-stream")
          .header("Content-Disposition", "attachment; filename=\"fleetgate.jfr\"")
          .result(bytes);
    } finally {
      Files.deleteIfExists(file);
      ONE_AT_A_TIME.release();
    }
  }
}
