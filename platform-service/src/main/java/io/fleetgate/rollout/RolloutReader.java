package io.fleetgate.rollout;

import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.domain.SpecDocument;
import io.fleetgate.domain.SpecFields;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code fleetgate.io/v1alpha1 PatchRollout} documents. A document with a problem is left out
 * of the catalog, with every problem it has named by file, line and field; the others are read.
 */
public final class RolloutReader {

  static final String API_VERSION = "fleetgate.io/v1alpha1";
  static final String KIND = "PatchRollout";

  /** A maintenance window longer than this is refused: it would be open all the time. */
  static final Duration LONGEST_WINDOW = Duration.ofDays(7);

  /** A wave's name: a DNS label. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** A rollout's name: as Kubernetes names objects (DNS subdomain), so {@code kubelet-v1.34.4}. */
  private static final Pattern ROLLOUT_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final Pattern VERSION =
      Pattern.compile("v\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%?");

  private static final Set<String> SPEC = Set.of("target", "waves", "onFailure");
  private static final Set<String> TARGET = Set.of("kubernetesVersion", "kernelVersion", "osImage");

  /**
   * What a node's {@code kernelVersion} looks like; a rollout writes it into the Cluster's
   * topology, from where a ClusterClass may template it into every node's bootstrap.
   */
  private static final java.util.regex.Pattern KERNEL =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~:-]{0,127}");

  /** What a node's {@code osImage} looks like, e.g. {@code Ubuntu 24.04.3 LTS}. */
  private static final java.util.regex.Pattern OS_IMAGE =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~:() -]{0,126}[A-Za-z0-9)]");

  private static final Set<String> WAVE =
      Set.of(
          "name",
          "clusterSelector",
          "clusters",
          "maxParallel",
          "maxUnavailableNodes",
          "soak",
          "gates");
  private static final Set<String> GATES =
      Set.of("health", "sloBurnRate", "noPolicyDenials", "approval", "maintenanceWindow");

  private final Function<String, Optional<LabelSelector>> fleetWaves;
  private final Set<String> slos;

  /**
   * @param fleetWaves the selector of each wave fleet.yaml declares ({@code spec.waves[]}), for
   *     rollout waves that name no clusters of their own
   * @param slos the names of the SLOs the repository declares, which burn-rate gates must name
   */
  public RolloutReader(Function<String, Optional<LabelSelector>> fleetWaves, Set<String> slos) {
    this.fleetWaves = fleetWaves;
    this.slos = Set.copyOf(slos);
  }

  public RolloutCatalog read(List<SpecDocument> documents) {
    List<PatchRollout> rollouts = new ArrayList<>();
    List<RolloutProblem> problems = new ArrayList<>();
    Map<String, SourceLocation> names = new LinkedHashMap<>();
    for (SpecDocument document : documents) {
      Fields f = new Fields(document, problems);
      Optional<PatchRollout> rollout = rollout(f);
      if (rollout.isEmpty() || f.failed()) {
        continue;
      }
      SourceLocation first = names.putIfAbsent(rollout.get().name(), document.location());
      if (first != null) {
        f.problem(
            "metadata.name",
            "rollout '" + rollout.get().name() + "' is already declared at " + first);
        continue;
      }
      rollouts.add(rollout.get());
    }
    return new RolloutCatalog(rollouts, problems);
  }

  private Optional<PatchRollout> rollout(Fields f) {
    String apiVersion = f.string("apiVersion", true);
    String kind = f.string("kind", true);
    if (!API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
      if (apiVersion != null && kind != null) {
        f.problem(
            "",
            "rollouts/ holds "
                + API_VERSION
                + " "
                + KIND
                + " documents only (found "
                + apiVersion
                + " "
                + kind
                + ")");
      }
      return Optional.empty();
    }
    String name = f.string("metadata.name", true);
    if (name != null && !ROLLOUT_NAME.matcher(name).matches()) {
      f.problem(
          "metadata.name",
          "must be lower-case letters, digits, '-' and '.', as Kubernetes names objects (found '"
              + name
              + "')");
    }
    f.only("spec", SPEC);
    RolloutTarget target = target(f);
    List<Wave> waves = waves(f);
    FailurePolicy onFailure = FailurePolicy.HALT;
    String policy = f.string("spec.onFailure", false);
    if (policy != null) {
      onFailure =
          FailurePolicy.parse(policy)
              .orElseGet(
                  () -> {
                    f.problem(
                        "spec.onFailure",
                        "must be 'halt' (stop where the rollout is) or 'rollback' (put every"
                            + " cluster it reached back on its previous version), not '"
                            + policy
                            + "'");
                    return FailurePolicy.HALT;
                  });
    }
    if (f.failed()) {
      return Optional.empty();
    }
    return Optional.of(new PatchRollout(name, target, waves, onFailure, f.document().location()));
  }

  private static RolloutTarget target(Fields f) {
    if (!f.has("spec.target")) {
      f.problem(
          "spec.target",
          "is required: name the kubernetesVersion, kernelVersion or osImage to roll out");
      return null;
    }
    f.only("spec.target", TARGET);
    Optional<String> version =
        Optional.ofNullable(f.string("spec.target.kubernetesVersion", false));
    version
        .filter(v -> !VERSION.matcher(v).matches())
        .ifPresent(
            v ->
                f.problem(
                    "spec.target.kubernetesVersion",
                    "must be a Kubernetes release such as v1.34.4, not '" + v + "'"));
    Optional<String> kernel = Optional.ofNullable(f.string("spec.target.kernelVersion", false));
    kernel
        .filter(k -> !KERNEL.matcher(k).matches())
        .ifPresent(
            k ->
                f.problem(
                    "spec.target.kernelVersion",
                    "must be a kernel release as nodes report it (letters, digits and . _ + ~ : -,"
                        + " at most 128), such as 6.8.0-88-generic"));
    Optional<String> image = Optional.ofNullable(f.string("spec.target.osImage", false));
    image
        .filter(i -> !OS_IMAGE.matcher(i).matches())
        .ifPresent(
            i ->
                f.problem(
                    "spec.target.osImage",
                    "must be an OS image as nodes report it (letters, digits, spaces and . _ + ~ :"
                        + " ( ) -, at most 128), such as Ubuntu 24.04.3 LTS"));
    if (version.isEmpty() && kernel.isEmpty() && image.isEmpty() && !f.failed()) {
      f.problem(
          "spec.target",
          "names nothing to roll out: give kubernetesVersion, kernelVersion or osImage");
    }
    return new RolloutTarget(version, kernel, image);
  }

  private List<Wave> waves(Fields f) {
    List<?> items = f.list("spec.waves", true);
    if (items.isEmpty() && f.has("spec.waves")) {
      f.problem("spec.waves", "must list at least one wave");
    }
    List<Wave> waves = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = "spec.waves[" + i + "]";
      int mark = f.mark();
      f.only(at, WAVE);
      String name = f.string(at + ".name", true);
      if (name != null && !NAME.matcher(name).matches()) {
        f.problem(
            at + ".name", "must be lower-case letters, digits and '-' (found '" + name + "')");
      } else if (name != null && !names.add(name)) {
        f.problem(at + ".name", "wave '" + name + "' is declared twice in this rollout");
      }
      Wave.Clusters clusters = clusters(f, at, name);
      int parallel = count(f, at + ".maxParallel", 1);
      int unavailable = count(f, at + ".maxUnavailableNodes", 1);
      Duration soak = duration(f, at + ".soak", Duration.ZERO);
      List<Gate> gates = gates(f, at + ".gates");
      if (!f.failedSince(mark)) {
        waves.add(
            new Wave(name, clusters, parallel, unavailable, soak, gates, f.document().at(at)));
      }
    }
    return waves;
  }

  private Wave.Clusters clusters(Fields f, String at, String name) {
    boolean selector = f.has(at + ".clusterSelector");
    boolean named = f.has(at + ".clusters");
    if (selector && named) {
      f.problem(at, "give clusterSelector or clusters, not both");
      return null;
    }
    if (named) {
      List<String> clusters = new ArrayList<>();
      List<?> items = f.list(at + ".clusters", true);
      for (int j = 0; j < items.size(); j++) {
        String cluster = f.string(at + ".clusters[" + j + "]", true);
        if (cluster != null) {
          clusters.add(cluster);
        }
      }
      if (items.isEmpty()) {
        f.problem(at + ".clusters", "must name at least one cluster");
      }
      return Wave.Clusters.named(clusters);
    }
    if (selector) {
      return Wave.Clusters.selected(f.selector(at + ".clusterSelector"), "clusterSelector");
    }
    Optional<LabelSelector> fleet = name == null ? Optional.empty() : fleetWaves.apply(name);
    if (fleet.isEmpty()) {
      if (name != null) {
        f.problem(
            at,
            "wave '"
                + name
                + "' names no clusters: give it a clusterSelector or clusters, or declare a wave"
                + " named '"
                + name
                + "' in fleet.yaml spec.waves");
      }
      return null;
    }
    return Wave.Clusters.selected(fleet.get(), "fleet.yaml spec.waves[" + name + "]");
  }

  private List<Gate> gates(Fields f, String at) {
    List<Gate> gates = new ArrayList<>();
    if (!f.present(at)) {
      return gates;
    }
    if (!f.mapping(at, "of gates; leave it out for none")) {
      return gates;
    }
    f.only(at, GATES);
    // A gate written without a value is refused, never dropped: a gate not read does not hold.
    for (String gate : List.of("health", "sloBurnRate", "approval", "maintenanceWindow")) {
      if (f.present(at + "." + gate)) {
        f.mapping(at + "." + gate, "");
      }
    }
    if (f.present(at + ".noPolicyDenials")
        && !(f.get(at + ".noPolicyDenials") instanceof Boolean)) {
      f.problem(at + ".noPolicyDenials", "must be true or false");
    }
    if (f.has(at + ".health")) {
      f.only(at + ".health", Set.of("minReadyNodes"));
      gates.add(new Gate.Healthy(percent(f, at + ".health.minReadyNodes", 100)));
    }
    if (f.has(at + ".sloBurnRate")) {
      String burn = at + ".sloBurnRate";
      f.only(burn, Set.of("slo", "maxBurnRate", "window"));
      String slo = f.string(burn + ".slo", true);
      if (slo != null && !slos.contains(slo)) {
        f.problem(
            burn + ".slo",
            "no SLO named '"
                + slo
                + "' in slos/"
                + (slos.isEmpty()
                    ? ""
                    : "; the SLOs there: " + String.join(", ", new java.util.TreeSet<>(slos))));
      }
      double max = f.number(burn + ".maxBurnRate", true);
      if (!Double.isNaN(max) && max <= 0) {
        f.problem(burn + ".maxBurnRate", "must be above 0 (1 spends the budget exactly on time)");
      }
      String window = f.string(burn + ".window", false);
      gates.add(new Gate.SloBurn(slo, max, window == null ? "1h" : window));
    }
    if (f.has(at + ".noPolicyDenials")) {
      if (f.bool(at + ".noPolicyDenials", false)) {
        gates.add(new Gate.NoPolicyDenials());
      }
    }
    if (f.has(at + ".approval")) {
      f.only(at + ".approval", Set.of("group"));
      String group = f.string(at + ".approval.group", true);
      gates.add(new Gate.Approval(group));
    }
    if (f.has(at + ".maintenanceWindow")) {
      window(f, at + ".maintenanceWindow").ifPresent(w -> gates.add(new Gate.InWindow(w)));
    }
    return gates;
  }

  private static Optional<MaintenanceWindow> window(Fields f, String at) {
    f.only(at, Set.of("schedule", "duration", "timeZone"));
    String text = f.string(at + ".schedule", true);
    Optional<CronSchedule> schedule = Optional.empty();
    if (text != null) {
      CronSchedule.Result parsed = CronSchedule.parse(text);
      if (parsed.schedule().isEmpty()) {
        f.problem(at + ".schedule", parsed.problem());
      }
      schedule = parsed.schedule();
    }
    Duration duration = duration(f, at + ".duration", null);
    if (duration == null && !f.has(at + ".duration")) {
      f.problem(at + ".duration", "is required: how long each window stays open, such as 4h");
    } else if (duration != null && (duration.isZero() || duration.compareTo(LONGEST_WINDOW) > 0)) {
      f.problem(at + ".duration", "must be more than 0 and at most 7d");
      duration = null;
    }
    ZoneId zone = ZoneId.of("UTC");
    String zoneText = f.string(at + ".timeZone", false);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        f.problem(
            at + ".timeZone",
            "'" + zoneText + "' is not a time zone; use an IANA name such as Asia/Shanghai");
      }
    }
    if (schedule.isPresent() && !schedule.get().firesWithin(2028, 2036)) {
      f.problem(
          at + ".schedule",
          "'"
              + text
              + "' never fires (no day from 2028 to 2036 matches it); check its day of month,"
              + " month and day of week");
      return Optional.empty();
    }
    if (schedule.isEmpty() || duration == null) {
      return Optional.empty();
    }
    return Optional.of(new MaintenanceWindow(schedule.get(), duration, zone));
  }

  private static int count(Fields f, String field, int otherwise) {
    if (!f.has(field)) {
      return otherwise;
    }
    double value = f.number(field, true);
    if (Double.isNaN(value)) {
      return otherwise;
    }
    if (value < 1 || value != Math.rint(value) || value > 10_000) {
      f.problem(field, "must be a whole number from 1 to 10000, not " + f.get(field));
      return otherwise;
    }
    return (int) value;
  }

  private static int percent(Fields f, String field, int otherwise) {
    Object value = f.get(field);
    if (value == null) {
      return otherwise;
    }
    var matcher = PERCENT.matcher(value.toString().strip());
    if (!matcher.matches() || Integer.parseInt(matcher.group(1)) > 100) {
      f.problem(field, "must be a share of nodes from 0% to 100%, not '" + value + "'");
      return otherwise;
    }
    return Integer.parseInt(matcher.group(1));
  }

  private static Duration duration(Fields f, String field, Duration otherwise) {
    String text = f.string(field, false);
    if (text == null) {
      return otherwise;
    }
    Optional<Duration> parsed = Durations.parse(text);
    if (parsed.isEmpty()) {
      f.problem(
          field, "must be a duration such as 30m, 2h or 1h30m (at most 366d), not '" + text + "'");
      return otherwise;
    }
    return parsed.get();
  }

  /** The spec reader with the rollout-specific reads: selectors, and no unknown fields. */
  static final class Fields extends SpecFields {

    Fields(SpecDocument document, List<RolloutProblem> problems) {
      super(
          document,
          new Problems() {
            @Override
            public void add(SourceLocation at, String field, String message) {
              problems.add(new RolloutProblem(at, field, message));
            }

            @Override
            public int count() {
              return problems.size();
            }
          });
    }

    /** Whether the field is written, even without a value ({@code approval:}). */
    boolean present(String field) {
      int dot = field.lastIndexOf('.');
      Object parent = dot < 0 ? document().object() : get(field.substring(0, dot));
      return parent instanceof Map<?, ?> map && map.containsKey(field.substring(dot + 1));
    }

    /** Whether the field holds a mapping; a problem when it does not. */
    boolean mapping(String field, String what) {
      if (get(field) instanceof Map<?, ?>) {
        return true;
      }
      problem(field, "must be a mapping" + (what.isEmpty() ? "" : " " + what));
      return false;
    }

    /** Refuses every key of the map at {@code field} that is not one of {@code known}. */
    void only(String field, Set<String> known) {
      Object value = get(field);
      if (value == null) {
        return;
      }
      if (!(value instanceof Map<?, ?> map)) {
        problem(field, "must be a mapping");
        return;
      }
      for (Object key : map.keySet()) {
        if (!known.contains(String.valueOf(key))) {
          problem(
              field + "." + key,
              "is not a field; expected one of "
                  + String.join(", ", new java.util.TreeSet<>(known)));
        }
      }
    }

    /** A {@code metav1.LabelSelector}: matchLabels and matchExpressions. */
    LabelSelector selector(String field) {
      only(field, Set.of("matchLabels", "matchExpressions"));
      Map<String, String> labels = new LinkedHashMap<>();
      Object matchLabels = get(field + ".matchLabels");
      if (matchLabels instanceof Map<?, ?> map) {
        map.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
      } else if (matchLabels != null) {
        problem(field + ".matchLabels", "must be a mapping of label names to values");
      }
      List<LabelSelector.Requirement> requirements = new ArrayList<>();
      List<?> expressions = list(field + ".matchExpressions", false);
      for (int i = 0; i < expressions.size(); i++) {
        String at = field + ".matchExpressions[" + i + "]";
        only(at, Set.of("key", "operator", "values"));
        String key = string(at + ".key", true);
        String operator = string(at + ".operator", true);
        List<String> values = new ArrayList<>();
        List<?> items = list(at + ".values", false);
        for (int j = 0; j < items.size(); j++) {
          String v = string(at + ".values[" + j + "]", true);
          if (v != null) {
            values.add(v);
          }
        }
        Optional<LabelSelector.Operator> op =
            operator == null ? Optional.empty() : LabelSelector.Operator.parse(operator);
        if (operator != null && op.isEmpty()) {
          problem(
              at + ".operator",
              "unknown operator '" + operator + "'; use In, NotIn, Exists or DoesNotExist");
        }
        if (op.isPresent()
            && (op.get() == LabelSelector.Operator.IN || op.get() == LabelSelector.Operator.NOT_IN)
            && values.isEmpty()) {
          problem(at + ".values", operator + " needs at least one value");
        }
        if (key != null && op.isPresent()) {
          requirements.add(new LabelSelector.Requirement(key, op.get(), values));
        }
      }
      return new LabelSelector(labels, requirements);
    }
  }
}
