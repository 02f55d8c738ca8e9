package io.fleetgate.console.editor;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** Style spans for YAML: comments, keys, quoted strings, numbers and document separators. */
final class YamlHighlighting {

  private static final Pattern TOKENS =
      Pattern.compile(
          "(?<COMMENT>#[^\\n]*)"
              + "|(?<SEPARATOR>^---\\s*$)"
              + "|(?<KEY>^[ \\t-]*[A-Za-z0-9_./-]+(?=:(\\s|$)))"
              + "|(?<STRING>\"([^\"\\\\\\n]|\\\\.)*\"|'[^'\\n]*')"
              + "|(?<NUMBER>\\b\\d+(\\.\\d+)?\\b)",
          Pattern.MULTILINE);

  private YamlHighlighting() {}

  static StyleSpans<Collection<String>> of(String text) {
    Matcher matcher = TOKENS.matcher(text);
    StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
    int last = 0;
    while (matcher.find()) {
      String style =
          matcher.group("COMMENT") != null
              ? "yaml-comment"
              : matcher.group("SEPARATOR") != null
                  ? "yaml-separator"
                  : matcher.group("KEY") != null
                      ? "yaml-key"
                      : matcher.group("STRING") != null ? "yaml-string" : "yaml-number";
      spans.add(List.of(), matcher.start() - last);
      spans.add(List.of(style), matcher.end() - matcher.start());
      last = matcher.end();
    }
    spans.add(List.of(), text.length() - last);
    return spans.create();
  }
}
