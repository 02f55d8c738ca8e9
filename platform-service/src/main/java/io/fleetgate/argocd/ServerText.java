package io.fleetgate.argocd;

/**
 * Text an Argo CD server wrote (messages, statuses), made safe to show and log: control characters
 * (line breaks, escape sequences that would repaint a terminal) become spaces, and it is cut to a
 * bounded length. Whatever the server sends, the result is printable and short.
 */
public final class ServerText {

  /** The most of a server's message that is kept. */
  public static final int MAX_CHARS = 1_000;

  private ServerText() {}

  /** The text made printable and cut to {@link #MAX_CHARS}; empty for null. */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints()
        .map(c -> Character.isISOControl(c) || isBidiControl(c) ? ' ' : c)
        .forEach(out::appendCodePoint);
    return out.toString().strip();
  }

  /** Unicode's bidirectional controls, which make text read other than it is stored. */
  private static boolean isBidiControl(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F;
  }
}
