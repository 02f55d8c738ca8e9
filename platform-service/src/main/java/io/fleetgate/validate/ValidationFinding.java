package io.fleetgate.validate;

import io.fleetgate.policy.PolicyCatalog;
import java.util.List;

/**
 * One policy finding about one object, with what an author needs to fix it.
 *
 * @param level deny (blocks the sync) or warn
 * @param clusters the clusters whose render holds the object
 */
public record ValidationFinding(
    String path,
    int line,
    String object,
    String level,
    PolicyCatalog.Entry policy,
    String message,
    List<String> clusters) {

  public String location() {
    return line > 0 ? path + ":" + line : path;
  }
}
