package io.fleetgate.slo;

import java.util.Set;
import java.util.regex.Pattern;

/** The labels Fleetgate puts on every SLO rule, and what names are allowed. */
public final class Labels {

  /** The SLO's name. */
  public static final String SLO = "fleetgate_slo";

  /** The service the SLO is about. */
  public static final String SERVICE = "fleetgate_service";

  /** The window of an error ratio ({@code 5m}, {@code 1h}, …). */
  public static final String WINDOW = "fleetgate_window";

  /** Alerting's severity label. */
  public static final String SEVERITY = "severity";

  static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** What a service's name may be: it names rule groups and files. */
  static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /** Labels a spec may not set, because the rules set them. */
  static final Set<String> RESERVED = Set.of(SLO, SERVICE, WINDOW, "__name__");

  private Labels() {}
}
