package io.fleetgate.slo;

/**
 * How an SLO spends its error budget (OpenSLO {@code budgetingMethod}).
 *
 * @param method what counts against the budget
 * @param sliceTarget for {@link Method#TIMESLICES}: the share of good events (or, for a threshold
 *     indicator, ignored) that makes a slice good; NaN otherwise
 * @param slice the length of a time slice; null for {@link Method#OCCURRENCES}
 */
public record Budgeting(Method method, double sliceTarget, Window slice) {

  /** OpenSLO's three budgeting methods. */
  public enum Method {
    /** Bad events out of all events over the window. */
    OCCURRENCES,
    /** Bad time slices out of all slices; a slice is bad when it misses the slice target. */
    TIMESLICES,
    /** The average of the slices' ratios of good events. */
    RATIO_TIMESLICES
  }

  public static Budgeting occurrences() {
    return new Budgeting(Method.OCCURRENCES, Double.NaN, null);
  }

  public boolean bySlices() {
    return method != Method.OCCURRENCES;
  }
}
