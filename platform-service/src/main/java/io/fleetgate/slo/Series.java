package io.fleetgate.slo;

/** The names of the series Fleetgate's SLO rules record. */
public final class Series {

  /** The error ratio over a window; {@link #errorRatio(Window)} gives one window's name. */
  public static final String ERROR_RATIO = "fleetgate_slo:sli_error:ratio_rate";

  /** Bad events per second over 5 minutes (event indicators judged by occurrences). */
  public static final String BAD_EVENTS = "fleetgate_slo:sli_bad_events:rate5m";

  /** All events per second over 5 minutes (event indicators judged by occurrences). */
  public static final String TOTAL_EVENTS = "fleetgate_slo:sli_total_events:rate5m";

  public static final String OBJECTIVE = "fleetgate_slo:objective:ratio";
  public static final String ERROR_BUDGET = "fleetgate_slo:error_budget:ratio";
  public static final String CURRENT_BURN_RATE = "fleetgate_slo:current_burn_rate:ratio";
  public static final String PERIOD_BURN_RATE = "fleetgate_slo:period_burn_rate:ratio";
  public static final String BUDGET_REMAINING = "fleetgate_slo:period_error_budget_remaining:ratio";

  private Series() {}

  public static String errorRatio(Window window) {
    return ERROR_RATIO + window;
  }

  /**
   * All events per second on average over a window (the SLO's rolling window), which weighs each
   * cluster's error ratio by its traffic when SLOs are rolled up across clusters.
   */
  public static String totalEvents(Window window) {
    return "fleetgate_slo:sli_total_events:rate" + window;
  }
}
