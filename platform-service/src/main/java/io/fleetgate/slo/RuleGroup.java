package io.fleetgate.slo;

import java.util.List;

/** A named group of rules, evaluated in order. */
public record RuleGroup(String name, List<Rule> rules) {
  public RuleGroup {
    rules = List.copyOf(rules);
  }
}
