package io.fleetgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each policy package is about, from its {@code # METADATA}: title, description, compliance
 * controls, severity and remediation. Read from the annotations the build extracts from the bundle.
 */
public record PolicyCatalog(Map<String, Entry> entries) {

  /** The built-in catalog's resource, written by {@code opa inspect --annotations}. */
  public static final String BUILT_IN = "/io/fleetgate/policies/annotations.json";

  /**
   * @param controls compliance requirement IDs such as {@code PCI-DSS-v4.0:1.3.1}
   * @param severity critical, high, medium or low
   */
  public record Entry(
      String policy,
      String title,
      String description,
      List<String> controls,
      String severity,
      String remediation) {}

  /** Packages of per-object and of change-set policies. */
  private static final List<String> PREFIXES =
      List.of("fleetgate.kubernetes.", "fleetgate.changeset.");

  /** The catalog of the built-in policies. */
  public static PolicyCatalog builtIn() throws PolicyException {
    try (InputStream in = PolicyCatalog.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new PolicyException(
            "The policy annotations "
                + BUILT_IN
                + " are not on the class path; build the policies module (bin/build)");
      }
      return read(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new PolicyException("Cannot read the policy annotations: " + e.getMessage(), e);
    }
  }

  static PolicyCatalog read(JsonNode inspect) {
    Map<String, Entry> entries = new TreeMap<>();
    for (JsonNode item : inspect.path("annotations")) {
      JsonNode annotations = item.path("annotations");
      if (!"package".equals(annotations.path("scope").asText())) {
        continue;
      }
      List<String> path = new ArrayList<>();
      item.path("path").forEach(p -> path.add(p.path("value").asText()));
      String name = String.join(".", path.subList(1, path.size()));
      String policy = policyName(name);
      if (policy == null) {
        continue;
      }
      JsonNode custom = annotations.path("custom");
      List<String> controls = new ArrayList<>();
      custom.path("controls").forEach(c -> controls.add(c.asText()));
      entries.put(
          policy,
          new Entry(
              policy,
              annotations.path("title").asText(policy),
              annotations.path("description").asText(""),
              controls,
              custom.path("severity").asText("medium"),
              custom.path("remediation").asText("")));
    }
    return new PolicyCatalog(entries);
  }

  /**
   * The name findings carry for a package: the last part for built-in and change-set packages,
   * {@code custom.<name>} for the fleet's {@code fleetgate.custom.<name>}, {@code main} for
   * conftest's package; null for packages that hold no rules of their own.
   */
  static String policyName(String pkg) {
    for (String prefix : PREFIXES) {
      if (pkg.startsWith(prefix)) {
        return pkg.substring(prefix.length());
      }
    }
    if (pkg.startsWith("fleetgate.custom.")) {
      return "custom." + pkg.substring("fleetgate.custom.".length());
    }
    return pkg.equals("main") ? "main" : null;
  }

  /** This catalog with the other's entries added (the other's win on the same name). */
  public PolicyCatalog with(PolicyCatalog other) {
    Map<String, Entry> merged = new TreeMap<>(entries);
    merged.putAll(other.entries);
    return new PolicyCatalog(merged);
  }

  /** Reads {@code opa inspect --annotations --format json} output. */
  public static PolicyCatalog fromInspection(byte[] json) throws IOException {
    return read(new ObjectMapper().readTree(json));
  }

  /** The entry of a policy, or a bare one for policies without metadata (e.g. users' own). */
  public Entry entry(String policy) {
    return entries.getOrDefault(
        policy,
        new Entry(
            policy,
            policy,
            "",
            List.of(),
            policy.equals(Finding.ENGINE) ? "critical" : "medium",
            ""));
  }
}
