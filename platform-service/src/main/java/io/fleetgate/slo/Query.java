package io.fleetgate.slo;

import java.util.regex.Pattern;

/**
 * A PromQL query as a spec writes it, with {@code {{.window}}} (Sloth's and OpenSLO tooling's
 * placeholder) where the range goes; a bare counter selector ({@code http_requests_total{job="a"}})
 * is read as {@code sum(rate(selector[{{.window}}]))}.
 */
public record Query(String template) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.window\\s*}}");
  private static final Pattern SELECTOR = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^{}]*})?");

  /**
   * @throws IllegalArgumentException when the query has no placeholder and is not a bare selector
   */
  public static Query of(String text) {
    String q = text == null ? "" : text.strip();
    if (q.isEmpty()) {
      throw new IllegalArgumentException("the query is empty");
    }
    if (PLACEHOLDER.matcher(q).find()) {
      return new Query(q);
    }
    if (SELECTOR.matcher(q).matches()) {
      return new Query("sum(rate(" + q + "[{{.window}}]))");
    }
    throw new IllegalArgumentException(
        "the query has no [{{.window}}] range; write it as e.g."
            + " sum(rate(http_requests_total{job=\"api\"}[{{.window}}]))");
  }

  /**
   * A query whose value is judged as it is (a threshold indicator's latency or saturation); the
   * {@code {{.window}}} placeholder, when present, becomes the time slice.
   */
  public static Query value(String text) {
    String q = text == null ? "" : text.strip();
    if (q.isEmpty()) {
      throw new IllegalArgumentException("the query is empty");
    }
    return new Query(q);
  }

  /** The query over one window. */
  public String over(Window window) {
    return PLACEHOLDER.matcher(template).replaceAll(window.toString());
  }
}
