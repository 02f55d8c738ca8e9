package io.fleetgate.argocd.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.ChangeType;
import io.fleetgate.argocd.HealthStatus;
import io.fleetgate.argocd.rest.gen.invoker.ApiClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watch stream's reader on crafted streams: well-formed, cut off, oversized, hostile. */
class ApplicationStreamReaderTest {

  private static String app(String name) {
    return "{\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{\"project\":\"p\",\"source\":{\"repoURL\":\"https://g/x.git\"},"
        + "\"destination\":{\"server\":\"https://s\"}},\"status\":{\"health\":{\"status\":\"Healthy\"}}}";
  }

  private static String change(String type, String name) {
    return "{\"result\":{\"type\":\"" + type + "\",\"application\":" + app(name) + "}}\n";
  }

  private static ApplicationStreamReader reader(String stream, int maxLine) {
    return reader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), maxLine);
  }

  private static ApplicationStreamReader reader(InputStream in, int maxLine) {
    return new ApplicationStreamReader(
        in, maxLine, ApiClient.createDefaultObjectMapper(), "http://127.0.0.1:8080");
  }

  private static List<WatchItem> readAll(ApplicationStreamReader reader) throws IOException {
    List<WatchItem> items = new ArrayList<>();
    for (var item = reader.next(); item.isPresent(); item = reader.next()) {
      items.add(item.get());
    }
    return items;
  }

  @Test
  void readsEachChangeOfTheStream() throws IOException {
    var items =
        readAll(
            reader(
                change("ADDED", "a") + "\n" + change("MODIFIED", "b") + change("DELETED", "a"),
                64 * 1024));

    assertThat(items)
        .map(i -> (WatchItem.Change) i)
        .extracting(
            c ->
                c.change().type()
                    + " "
                    + c.change().application().name()
                    + " "
                    + c.change().state().health())
        .containsExactly("ADDED a HEALTHY", "MODIFIED b HEALTHY", "DELETED a HEALTHY");
  }

  @Test
  void passesAnUnknownChangeTypeOnAsUnknown() throws IOException {
    var items = readAll(reader(change("BOOKMARK", "a"), 64 * 1024));

    assertThat(((WatchItem.Change) items.getFirst()).change().type()).isEqualTo(ChangeType.UNKNOWN);
  }

  @Test
  void readsTheErrorThatEndsAStream() throws IOException {
    var items =
        readAll(
            reader(
                change("ADDED", "a")
                    + "{\"error\":{\"grpc_code\":7,\"http_code\":403,\"message\":\"permission denied\\n\\u001b[1m\",\"http_status\":\"Forbidden\"}}\n",
                64 * 1024));

    assertThat(items).hasSize(2);
    assertThat(items.get(1)).isEqualTo(new WatchItem.StreamError("permission denied  [1m", 7));
  }

  @Test
  void refusesALineLongerThanTheLimitWithoutReadingItAll() {
    String huge =
        "{\"result\":{\"type\":\"ADDED\",\"application\":{\"metadata\":{\"name\":\""
            + "x".repeat(10_000);
    CountingStream in = new CountingStream(change("ADDED", "a") + huge + "\"}}}}\n");
    var reader = reader(in, 1_024);

    assertThatThrownBy(() -> readAll(reader))
        .isInstanceOfSatisfying(
            ArgoCdException.class,
            e -> assertThat(e.failure()).isEqualTo(ArgoCdFailure.MALFORMED_ANSWER))
        .hasMessage(
            "Line 2 of the application watch stream from Argo CD at http://127.0.0.1:8080 is longer"
                + " than 1024 bytes; reading stopped");
    assertThat(in.read).isLessThan(change("ADDED", "a").length() + 1_024 + 8_192 + 2);
  }

  @Test
  void refusesALineCutOffByTheEndOfTheStream() {
    String full = change("ADDED", "a");
    var reader = reader(full + full.substring(0, full.length() / 2), 64 * 1024);

    assertThatThrownBy(() -> readAll(reader))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("Line 2")
        .hasMessageContaining("was cut off");
  }

  @Test
  void refusesALineThatIsNotJson() {
    assertThatThrownBy(() -> readAll(reader("<html>502 Bad Gateway</html>\n", 64 * 1024)))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("Line 1")
        .hasMessageContaining("is not JSON");
  }

  @Test
  void refusesALineWithNeitherResultNorError() {
    assertThatThrownBy(() -> readAll(reader("{\"result\":{\"type\":\"ADDED\"}}\n", 64 * 1024)))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("holds neither a result with an application nor an error");
  }

  @Test
  void refusesAnApplicationOfTheWrongShape() {
    assertThatThrownBy(
            () ->
                readAll(
                    reader(
                        "{\"result\":{\"type\":\"ADDED\",\"application\":{\"metadata\":[1,2]}}}\n",
                        64 * 1024)))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("holds an application Fleetgate cannot read");
  }

  @Test
  void endsCleanlyOnAnEmptyStream() throws IOException {
    assertThat(readAll(reader("", 1_024))).isEmpty();
    assertThat(readAll(reader("\n\n", 1_024))).isEmpty();
  }

  /** Counts the bytes taken from it, to show an oversized line is not read to its end. */
  private static final class CountingStream extends InputStream {
    private final byte[] bytes;
    private int read;

    CountingStream(String text) {
      this.bytes = text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() {
      return read < bytes.length ? bytes[read++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - read);
      System.arraycopy(bytes, read, b, off, n);
      read += n;
      return n;
    }
  }

  @Test
  void readsHealthFromTheApplicationItself() throws IOException {
    var item = (WatchItem.Change) readAll(reader(change("ADDED", "a"), 64 * 1024)).getFirst();
    assertThat(item.change().state().health()).isEqualTo(HealthStatus.HEALTHY);
  }
}
