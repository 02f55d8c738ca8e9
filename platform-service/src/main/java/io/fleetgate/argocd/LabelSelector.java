package io.fleetgate.argocd;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Applications whose labels equal all of these, as a Kubernetes equality-based label selector. Keys
 * and values are checked against Kubernetes' label syntax, so a value can never smuggle in another
 * requirement ({@code env=prod,team!=x}) or a set operator.
 *
 * @param labels the labels every selected application carries; empty selects every application
 */
public record LabelSelector(Map<String, String> labels) {

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)");
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  public LabelSelector {
    labels = Map.copyOf(new TreeMap<>(labels));
    labels.forEach(LabelSelector::check);
  }

  /** Every application. */
  public static LabelSelector all() {
    return new LabelSelector(Map.of());
  }

  /** Applications carrying every one of these labels. */
  public static LabelSelector of(Map<String, String> labels) {
    return new LabelSelector(labels);
  }

  /** The selector as Argo CD's {@code selector} parameter takes it; empty selects all. */
  public String query() {
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  private static void check(String key, String value) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    String name = slash < 0 ? key : key.substring(slash + 1);
    boolean keyOk =
        name.length() <= 63
            && NAME.matcher(name).matches()
            && (slash < 0 || (prefix.length() <= 253 && PREFIX.matcher(prefix).matches()));
    if (!keyOk) {
      throw new IllegalArgumentException(
          "'"
              + ServerText.clean(key)
              + "' is not a label key: an optional DNS prefix and '/', then at most 63 letters,"
              + " digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    if (value.length() > 63 || !(value.isEmpty() || NAME.matcher(value).matches())) {
      throw new IllegalArgumentException(
          "The value of label "
              + key
              + " is not a label value: at most 63 letters, digits, '-', '_' or '.', starting and"
              + " ending with a letter or digit");
    }
  }
}
