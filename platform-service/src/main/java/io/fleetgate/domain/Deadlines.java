package io.fleetgate.domain;

import java.time.Duration;

/**
 * How long each unit of work that waits on something Fleetgate does not control may take before it
 * is cut off: one cluster's reconcile, a fetch of the config repository as a whole, one policy
 * evaluation, one kustomize run. The defaults live here and nowhere else; {@code docs/security.md}
 * (item 6) explains each figure.
 *
 * @param reconcile one cluster's reconcile, render to observe; past it the cluster's calls are cut
 *     off and it is recorded as unreachable or stalled, naming the phase it was in
 * @param fetch one fetch of the config repository, however slowly the remote sends; past it the
 *     source is stale
 * @param evaluation one policy evaluation of one object; past it the object is denied
 * @param changeSet one policy evaluation of a cluster's change set (all its objects together); past
 *     it every object of the set is denied
 * @param kustomize one {@code kustomize build}; past it the process tree is killed and the render
 *     fails
 */
public record Deadlines(
    Duration reconcile,
    Duration fetch,
    Duration evaluation,
    Duration changeSet,
    Duration kustomize) {

  /**
   * Five minutes a reconcile: five whole Kubernetes call deadlines (60 s each) in sequence, and
   * several times what 10,000 objects take on the quiet machine; two minutes a fetch: a clone of a
   * large fleet repository over a slow link, while a remote that trickles costs one poll at most;
   * two seconds an object's evaluation: four orders of magnitude above a typical one (0.1 ms), the
   * same as the OPA server's request timeout; one minute a change set, which grows with the cluster
   * (3,000 objects took over 2 s on the loaded two-core machine); thirty seconds a kustomize build.
   */
  public static final Deadlines DEFAULTS =
      new Deadlines(
          Duration.ofMinutes(5),
          Duration.ofMinutes(2),
          Duration.ofSeconds(2),
          Duration.ofMinutes(1),
          Duration.ofSeconds(30));

  /**
   * Each deadline within bounds that keep it meaningful: below them every cluster, fetch or
   * evaluation would fail for good (a 1 ms reconcile makes every cluster unreachable); above them a
   * stuck unit holds its cluster for days, and a duration past about 292 years overflows the
   * nanosecond clock every wait is timed with.
   *
   * @throws IllegalArgumentException naming the deadline and its bounds
   */
  public Deadlines {
    within(reconcile, "reconcile", Duration.ofSeconds(10), Duration.ofHours(6));
    within(fetch, "fetch", Duration.ofSeconds(5), Duration.ofHours(1));
    within(evaluation, "evaluation", Duration.ofMillis(100), Duration.ofMinutes(5));
    within(changeSet, "change set", Duration.ofSeconds(1), Duration.ofHours(1));
    within(kustomize, "kustomize", Duration.ofSeconds(1), Duration.ofMinutes(30));
  }

  public Deadlines withReconcile(Duration value) {
    return new Deadlines(value, fetch, evaluation, changeSet, kustomize);
  }

  public Deadlines withFetch(Duration value) {
    return new Deadlines(reconcile, value, evaluation, changeSet, kustomize);
  }

  public Deadlines withEvaluation(Duration value) {
    return new Deadlines(reconcile, fetch, value, changeSet, kustomize);
  }

  public Deadlines withChangeSet(Duration value) {
    return new Deadlines(reconcile, fetch, evaluation, value, kustomize);
  }

  public Deadlines withKustomize(Duration value) {
    return new Deadlines(reconcile, fetch, evaluation, changeSet, value);
  }

  /**
   * A duration as people read it in reasons and logs: {@code 500 ms}, {@code 30 s}, {@code 5 min}.
   */
  public static String display(Duration duration) {
    if (duration.toMillis() < 1_000 || duration.toMillis() % 1_000 != 0) {
      return duration.toMillis() + " ms";
    }
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** A bound as written in the refusal: whole hours as hours. */
  private static String bound(Duration bound) {
    return bound.toMinutes() >= 60 && bound.toSeconds() % 3600 == 0
        ? bound.toHours() + " h"
        : display(bound);
  }

  private static void within(Duration value, String name, Duration min, Duration max) {
    if (value == null) {
      throw new IllegalArgumentException("the " + name + " deadline is missing");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "the "
              + name
              + " deadline must be between "
              + bound(min)
              + " and "
              + bound(max)
              + ", not "
              + (value.compareTo(max) > 0 || value.isNegative()
                  ? value.toString()
                  : display(value)));
    }
  }
}
