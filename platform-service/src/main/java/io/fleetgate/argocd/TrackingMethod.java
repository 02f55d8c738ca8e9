package io.fleetgate.argocd;

/**
 * How an Argo CD ties live objects to their Application: {@code application.resourceTrackingMethod}
 * in its {@code argocd-cm}, as its settings API reports it.
 */
public enum TrackingMethod {
  /** By the {@code argocd.argoproj.io/tracking-id} annotation: Argo CD v3's default. */
  ANNOTATION("annotation"),
  /** By the annotation, with the instance label also written for other tools. */
  ANNOTATION_AND_LABEL("annotation+label"),
  /** By the instance label ({@code app.kubernetes.io/instance} unless configured otherwise). */
  LABEL("label"),
  /** A word this version of Fleetgate does not know, or none. */
  UNKNOWN("");

  private final String word;

  TrackingMethod(String word) {
    this.word = word;
  }

  /** Argo CD's word for the method. */
  public String word() {
    return word;
  }

  /** The method Argo CD's word names; an unknown or missing word is {@link #UNKNOWN}. */
  public static TrackingMethod of(String word) {
    for (TrackingMethod method : values()) {
      if (method != UNKNOWN && method.word.equals(word)) {
        return method;
      }
    }
    return UNKNOWN;
  }

  /**
   * Whether Argo CD tracks by its annotation, which no manifest may carry under the driver (ADR
   * 37): only then can no manifest tie itself to another Application.
   */
  public boolean byAnnotation() {
    return this == ANNOTATION || this == ANNOTATION_AND_LABEL;
  }
}
