package io.fleetgate.render;

import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet as {@code fleet.yaml} declares it ({@code fleetgate.io/v1alpha1 Fleet}).
 *
 * @param bundles the bundles, in declaration order (which is also apply order)
 * @param clusterOverlays whether {@code <cluster>/} directories apply to their cluster
 * @param policyParameters the policy parameters of cluster groups, in declaration order
 * @param slo where each cluster's Prometheus answers, and which clusters each service's SLOs are
 *     judged on
 * @param waves the fleet's named groups of clusters, in order, which patch rollouts use by name
 * @param waveProblems what is wrong with {@code spec.waves}: reported with the rollouts (only they
 *     use waves), blocking no sync
 */
public record FleetSpec(
    List<Bundle> bundles,
    boolean clusterOverlays,
    List<PolicyParameters> policyParameters,
    SloSettings slo,
    List<Wave> waves,
    List<RenderProblem> waveProblems) {

  /** A Kubernetes label value's limit: the bundle's name is its objects' bundle label. */
  static final int MAX_BUNDLE_NAME = 63;

  public FleetSpec(
      List<Bundle> bundles, boolean clusterOverlays, List<PolicyParameters> policyParameters) {
    this(bundles, clusterOverlays, policyParameters, SloSettings.NONE, List.of(), List.of());
  }

  public FleetSpec(
      List<Bundle> bundles,
      boolean clusterOverlays,
      List<PolicyParameters> policyParameters,
      SloSettings slo,
      List<Wave> waves) {
    this(bundles, clusterOverlays, policyParameters, slo, waves, List.of());
  }

  /** {@code spec.waves[]}: a named group of clusters, by the labels of their Cluster objects. */
  public record Wave(String name, LabelSelector clusterSelector, SourceLocation declaredAt) {}

  /** The wave of this name, when fleet.yaml declares one. */
  public java.util.Optional<Wave> wave(String name) {
    return waves.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /**
   * {@code spec.slo}: the Prometheus of each group of clusters ({@code prometheus[]}, the first
   * entry whose selector matches counts; {@code {cluster}} in its URL is the cluster's name), and
   * the clusters each service's SLOs are judged on ({@code targets[]}; a service without a target
   * is judged on every cluster).
   */
  public record SloSettings(List<PrometheusEntry> prometheus, List<SloTarget> targets) {
    public static final SloSettings NONE = new SloSettings(List.of(), List.of());

    /** The Prometheus of a cluster, when an entry's selector picks it. */
    public java.util.Optional<java.net.URI> prometheusFor(
        String cluster, Map<String, String> labels) {
      for (PrometheusEntry entry : prometheus) {
        if (entry.clusterSelector().matches(labels)) {
          return java.util.Optional.of(
              java.net.URI.create(entry.url().replace("{cluster}", cluster)));
        }
      }
      return java.util.Optional.empty();
    }

    /**
     * How the SLO rules reach a cluster: the {@code rules} of the first entry whose selector picks
     * it, or empty when that entry (or none) delivers any.
     */
    public java.util.Optional<RuleDelivery> rulesFor(Map<String, String> labels) {
      for (PrometheusEntry entry : prometheus) {
        if (entry.clusterSelector().matches(labels)) {
          return java.util.Optional.ofNullable(entry.rules());
        }
      }
      return java.util.Optional.empty();
    }

    /** Whether a service's SLOs are judged on a cluster with these labels. */
    public boolean judges(String service, Map<String, String> labels) {
      boolean named = false;
      for (SloTarget target : targets) {
        if (target.service().equals(service)) {
          named = true;
          if (target.clusterSelector().matches(labels)) {
            return true;
          }
        }
      }
      return !named;
    }
  }

  /**
   * One {@code spec.slo.prometheus[]} entry.
   *
   * @param rules how the SLO rules reach the entry's clusters; null when they are not delivered
   */
  public record PrometheusEntry(
      LabelSelector clusterSelector, String url, RuleDelivery rules, SourceLocation declaredAt) {

    /** An entry whose clusters are delivered no rules. */
    public PrometheusEntry(LabelSelector clusterSelector, String url, SourceLocation declaredAt) {
      this(clusterSelector, url, null, declaredAt);
    }
  }

  /**
   * {@code spec.slo.prometheus[].rules}: the SLO rules delivered to the entry's clusters by the
   * sync engine as Prometheus Operator {@code PrometheusRule} objects (the {@link
   * SloRuleBundle#NAME} bundle).
   *
   * @param namespace where the objects go: a namespace the operator's Prometheus reads rules from
   * @param labels added to every object, e.g. what the Prometheus's {@code ruleSelector} matches
   * @param declaredAt the line of {@code rules} in {@code fleet.yaml}
   */
  public record RuleDelivery(
      String namespace, Map<String, String> labels, SourceLocation declaredAt) {
    public RuleDelivery {
      labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
    }
  }

  /** One {@code spec.slo.targets[]} entry. */
  public record SloTarget(
      String service, LabelSelector clusterSelector, SourceLocation declaredAt) {}

  public static final String FILE = "fleet.yaml";

  /**
   * One bundle: a directory of manifests and the clusters it goes to.
   *
   * @param namespaces the namespaces the bundle may touch; empty means any
   * @param prune whether objects removed from the bundle are deleted from clusters
   * @param selfHeal whether drift found in a full check is reverted by applying again
   * @param force whether applies take over fields other managers own (default) or fail on conflict
   */
  public record Bundle(
      String name,
      String path,
      LabelSelector clusterSelector,
      List<String> namespaces,
      boolean prune,
      boolean selfHeal,
      boolean force,
      SourceLocation declaredAt) {}

  /**
   * Policy parameters for the clusters a selector picks ({@code spec.policy.parameters[]}), e.g.
   * the registries images may come from.
   */
  public record PolicyParameters(
      LabelSelector clusterSelector, Map<String, Object> values, SourceLocation declaredAt) {}

  /**
   * The policy parameters of one cluster: the values of every entry whose selector matches, later
   * entries replacing the keys of earlier ones.
   */
  public Map<String, Object> policyParametersFor(Map<String, String> clusterLabels) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (PolicyParameters entry : policyParameters) {
      if (entry.clusterSelector().matches(clusterLabels)) {
        merged.putAll(entry.values());
      }
    }
    return merged;
  }

  /** Reads the Fleet document; every problem is reported with its line in {@code fleet.yaml}. */
  static FleetSpec from(Manifest manifest) throws ManifestException {
    return from(manifest, Map.of());
  }

  /**
   * Reads the Fleet document; problems of fields that {@code lines} locates (by path, {@code
   * spec.slo.prometheus[0].rules}) name the field's own line, the others the document's.
   */
  static FleetSpec from(Manifest manifest, Map<String, Integer> lines) throws ManifestException {
    SourceLocation at = manifest.location();
    if (!"Fleet".equals(manifest.string("kind"))
        || !"fleetgate.io/v1alpha1".equals(manifest.string("apiVersion"))) {
      throw new ManifestException(
          at,
          "must be a fleetgate.io/v1alpha1 Fleet (found "
              + manifest.string("apiVersion")
              + " "
              + manifest.string("kind")
              + ")");
    }
    Map<String, Object> spec = map(manifest.object().get("spec"), at, "spec");
    List<Bundle> bundles = new ArrayList<>();
    Map<String, Bundle> byName = new LinkedHashMap<>();
    for (Object item : list(spec.get("bundles"), at, "spec.bundles")) {
      Map<String, Object> bundle = map(item, at, "spec.bundles[]");
      String name = string(bundle, "name", at);
      if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
        throw new ManifestException(
            at, "bundle name '" + name + "' must be lower-case letters, digits and '-'");
      }
      if (name.length() > MAX_BUNDLE_NAME) {
        throw new ManifestException(
            at,
            "bundle name '"
                + name
                + "' has "
                + name.length()
                + " characters; at most "
                + MAX_BUNDLE_NAME
                + ", since every object of the bundle carries it as the value of the "
                + io.fleetgate.domain.FleetgateMetadata.BUNDLE_LABEL
                + " label; shorten it");
      }
      if (name.equals(SloRuleBundle.NAME)) {
        throw new ManifestException(
            at,
            "bundle name '"
                + name
                + "' is reserved for the PrometheusRule objects Fleetgate generates from slos/"
                + " (spec.slo.prometheus[].rules); choose another");
      }
      if (name.equals(Renderer.OVERLAY_BUNDLE)) {
        throw new ManifestException(
            at,
            "bundle name '"
                + name
                + "' is reserved for the objects of each cluster's own directory; choose another");
      }
      Map<String, Object> sync =
          bundle.containsKey("sync") ? map(bundle.get("sync"), at, "sync") : Map.of();
      Bundle parsed =
          new Bundle(
              name,
              string(bundle, "path", at),
              selector(bundle.get("clusterSelector"), at),
              strings(bundle.get("namespaces"), at),
              !Boolean.FALSE.equals(sync.get("prune")),
              Boolean.TRUE.equals(sync.get("selfHeal")),
              !Boolean.FALSE.equals(sync.get("force")),
              at);
      if (byName.put(name, parsed) != null) {
        throw new ManifestException(at, "declares bundle '" + name + "' twice");
      }
      bundles.add(parsed);
    }
    Waves waves = waves(spec.get("waves"), at, lines);
    return new FleetSpec(
        bundles,
        !Boolean.FALSE.equals(spec.get("clusterOverlays")),
        policyParameters(spec.get("policy"), at),
        slo(spec.get("slo"), at, lines),
        waves.waves(),
        waves.problems());
  }

  /** {@code spec.waves} as read: the waves without problems, and the problems of the others. */
  private record Waves(List<Wave> waves, List<RenderProblem> problems) {}

  private static Waves waves(Object value, SourceLocation at, Map<String, Integer> lines) {
    List<Wave> waves = new ArrayList<>();
    List<RenderProblem> problems = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    if (value != null && !(value instanceof List<?>)) {
      problems.add(new RenderProblem(at, "spec.waves must be a list of {name, clusterSelector}"));
      return new Waves(List.of(), problems);
    }
    int i = 0;
    for (Object item : value == null ? List.of() : (List<?>) value) {
      String field = "spec.waves[" + i++ + "]";
      SourceLocation line =
          lines.containsKey(field) ? new SourceLocation(at.path(), lines.get(field)) : at;
      try {
        Map<String, Object> wave = map(item, line, field);
        known(wave, java.util.Set.of("name", "clusterSelector"), line, field);
        String name = string(wave, "name", line);
        if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
          throw new ManifestException(
              line, field + ".name '" + name + "' must be lower-case letters, digits and '-'");
        }
        if (!names.add(name)) {
          throw new ManifestException(line, "declares wave '" + name + "' twice");
        }
        if (wave.get("clusterSelector") == null) {
          throw new ManifestException(
              line,
              field
                  + " ('"
                  + name
                  + "') needs a clusterSelector; {} selects every cluster, if that is meant");
        }
        waves.add(new Wave(name, strictSelector(wave.get("clusterSelector"), line, field), line));
      } catch (ManifestException e) {
        problems.add(e.problem());
      }
    }
    return new Waves(List.copyOf(waves), List.copyOf(problems));
  }

  /** A selector whose every key is known and whose In and NotIn terms have values. */
  private static LabelSelector strictSelector(Object value, SourceLocation at, String field)
      throws ManifestException {
    Map<String, Object> selector = map(value, at, field + ".clusterSelector");
    known(
        selector,
        java.util.Set.of("matchLabels", "matchExpressions"),
        at,
        field + ".clusterSelector");
    for (Object item : list(selector.get("matchExpressions"), at, "matchExpressions")) {
      Map<String, Object> expression = map(item, at, "matchExpressions[]");
      known(expression, java.util.Set.of("key", "operator", "values"), at, "matchExpressions[]");
      Object operator = expression.get("operator");
      if (("In".equals(operator) || "NotIn".equals(operator))
          && strings(expression.get("values"), at).isEmpty()) {
        throw new ManifestException(
            at, field + ".clusterSelector: " + operator + " needs at least one value");
      }
    }
    return selector(value, at);
  }

  private static void known(
      Map<String, Object> map, java.util.Set<String> keys, SourceLocation at, String field)
      throws ManifestException {
    for (String key : map.keySet()) {
      if (!keys.contains(key)) {
        throw new ManifestException(
            at,
            field
                + "."
                + key
                + " is not a field; expected "
                + String.join(" or ", new java.util.TreeSet<>(keys)));
      }
    }
  }

  private static SloSettings slo(Object value, SourceLocation at, Map<String, Integer> lines)
      throws ManifestException {
    if (value == null) {
      return SloSettings.NONE;
    }
    Map<String, Object> slo = map(value, at, "spec.slo");
    List<PrometheusEntry> prometheus = new ArrayList<>();
    List<?> entries = list(slo.get("prometheus"), at, "spec.slo.prometheus");
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> entry = map(entries.get(i), at, "spec.slo.prometheus[]");
      String url = string(entry, "url", at);
      String probe = url.replace("{cluster}", "cluster");
      java.net.URI uri;
      try {
        uri = java.net.URI.create(probe);
      } catch (IllegalArgumentException e) {
        throw new ManifestException(at, "spec.slo.prometheus[].url '" + url + "' is not a URL");
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawUserInfo() != null
          || probe.contains("{")) {
        throw new ManifestException(
            at,
            "spec.slo.prometheus[].url '"
                + url
                + "' must be http:// or https://HOST[:PORT][/PATH], with {cluster} for the"
                + " cluster's name and no credentials or query");
      }
      RuleDelivery rules =
          entry.containsKey("rules")
              ? RuleDeliveryField.read(
                  entry.get("rules"), "spec.slo.prometheus[" + i + "].rules", at, lines)
              : null;
      prometheus.add(
          new PrometheusEntry(selector(entry.get("clusterSelector"), at), url, rules, at));
    }
    List<SloTarget> targets = new ArrayList<>();
    for (Object item : list(slo.get("targets"), at, "spec.slo.targets")) {
      Map<String, Object> entry = map(item, at, "spec.slo.targets[]");
      targets.add(
          new SloTarget(
              string(entry, "service", at), selector(entry.get("clusterSelector"), at), at));
    }
    return new SloSettings(List.copyOf(prometheus), List.copyOf(targets));
  }

  private static List<PolicyParameters> policyParameters(Object policy, SourceLocation at)
      throws ManifestException {
    if (policy == null) {
      return List.of();
    }
    List<PolicyParameters> parameters = new ArrayList<>();
    for (Object item : list(map(policy, at, "spec.policy").get("parameters"), at, "parameters")) {
      Map<String, Object> entry = map(item, at, "spec.policy.parameters[]");
      Object values = entry.get("values");
      if (values == null) {
        throw new ManifestException(
            at, "spec.policy.parameters[] needs 'values', a mapping of parameter names to values");
      }
      parameters.add(
          new PolicyParameters(
              selector(entry.get("clusterSelector"), at),
              java.util.Collections.unmodifiableMap(
                  new LinkedHashMap<>(map(values, at, "spec.policy.parameters[].values"))),
              at));
    }
    return parameters;
  }

  static LabelSelector selector(Object value, SourceLocation at) throws ManifestException {
    if (value == null) {
      return LabelSelector.everything();
    }
    Map<String, Object> selector = map(value, at, "clusterSelector");
    Map<String, String> labels = new LinkedHashMap<>();
    if (selector.get("matchLabels") != null) {
      for (var e : map(selector.get("matchLabels"), at, "matchLabels").entrySet()) {
        labels.put(e.getKey(), String.valueOf(e.getValue()));
      }
    }
    List<LabelSelector.Requirement> requirements = new ArrayList<>();
    for (Object item : list(selector.get("matchExpressions"), at, "matchExpressions")) {
      Map<String, Object> expression = map(item, at, "matchExpressions[]");
      String operator = string(expression, "operator", at);
      requirements.add(
          new LabelSelector.Requirement(
              string(expression, "key", at),
              LabelSelector.Operator.parse(operator)
                  .orElseThrow(
                      () ->
                          new ManifestException(
                              at,
                              "unknown selector operator '"
                                  + operator
                                  + "'; use In, NotIn, Exists or DoesNotExist")),
              strings(expression.get("values"), at)));
    }
    return new LabelSelector(labels, requirements);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, SourceLocation at, String field)
      throws ManifestException {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new ManifestException(at, field + " must be a mapping");
  }

  private static List<?> list(Object value, SourceLocation at, String field)
      throws ManifestException {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw new ManifestException(at, field + " must be a list");
  }

  private static List<String> strings(Object value, SourceLocation at) throws ManifestException {
    List<String> strings = new ArrayList<>();
    for (Object item : list(value, at, "values")) {
      strings.add(String.valueOf(item));
    }
    return strings;
  }

  private static String string(Map<String, Object> map, String key, SourceLocation at)
      throws ManifestException {
    if (map.get(key) instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new ManifestException(at, "'" + key + "' is required and must be a string");
  }
}
