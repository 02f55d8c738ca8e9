package io.fleetgate.policy;

import io.fleetgate.domain.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where users' policies may live, so that they add rules without touching the built-in ones: {@code
 * main} (conftest's default, judged per object with the object as input), {@code
 * fleetgate.custom.*} (per object, Fleetgate's input) and {@code fleetgate.changeset.<name>} (the
 * whole change set) under a name the built-in policies do not use.
 */
final class CustomPackages {

  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([A-Za-z_][\\w.]*)", Pattern.MULTILINE);

  private static final Set<String> BUILT_IN_CHANGESET =
      Set.of("network_default_deny", "cde_reachability");

  private CustomPackages() {}

  static List<PolicyCompileException.Problem> check(RepoPolicies policies) {
    List<PolicyCompileException.Problem> problems = new ArrayList<>();
    for (Map.Entry<String, String> file : policies.sources().entrySet()) {
      Matcher matcher = PACKAGE.matcher(file.getValue());
      if (!matcher.find()) {
        problems.add(
            new PolicyCompileException.Problem(
                SourceLocation.file(file.getKey()), "has no package declaration"));
        continue;
      }
      String name = matcher.group(1);
      if (!allowed(name, file.getKey().endsWith("_test.rego"))) {
        int line = lineOf(file.getValue(), matcher.start(1));
        problems.add(
            new PolicyCompileException.Problem(
                new SourceLocation(file.getKey(), line),
                "package "
                    + name
                    + " is not open to the fleet's own policies; use fleetgate.custom.<name> (per"
                    + " object), fleetgate.changeset.<name> (the whole change set, a name the"
                    + " built-in policies do not use) or main (conftest)"));
      }
    }
    return problems;
  }

  private static boolean allowed(String name, boolean test) {
    if (test) {
      // Tests may live anywhere except inside the built-in packages themselves.
      return !name.startsWith("fleetgate.kubernetes.")
          && !name.startsWith("fleetgate.lib.")
          && !name.equals("fleetgate.main");
    }
    if (name.equals("main") || name.startsWith("main.") || name.startsWith("fleetgate.custom.")) {
      return true;
    }
    if (name.startsWith("fleetgate.changeset.")) {
      String rest = name.substring("fleetgate.changeset.".length());
      return !BUILT_IN_CHANGESET.contains(rest.split("\\.")[0]);
    }
    return false;
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
