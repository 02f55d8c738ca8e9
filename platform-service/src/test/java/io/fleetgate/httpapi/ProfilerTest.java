package io.fleetgate.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {

  @Test
  void aProfileRecordsNoEnvironmentVariableOrSystemProperty(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("profile.jfr");
    try (Recording recording = Profiler.recording()) {
      recording.start();
      Thread.sleep(200);
      recording.stop();
      recording.dump(file);
    }

    List<String> types;
    try (RecordingFile events = new RecordingFile(file)) {
      types = new java.util.ArrayList<>();
      while (events.hasMoreEvents()) {
        RecordedEvent event = events.readEvent();
        types.add(event.getEventType().getName());
      }
    }
    assertThat(types).as("the recording holds events").contains("jdk.JVMInformation");
    assertThat(types).doesNotContainAnyElementsOf(Profiler.LEFT_OUT);
    assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
        .as("not even the PATH's value")
        .doesNotContain(System.getenv("PATH"));
  }
}
