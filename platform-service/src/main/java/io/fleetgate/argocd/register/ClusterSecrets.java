package io.fleetgate.argocd.register;

import java.util.List;

/**
 * Port: the Argo CD cluster Secrets in Argo CD's namespace. Writes say what happened rather than
 * throw, so one refused write never stops the others.
 */
public interface ClusterSecrets {

  /** Where the Secrets live, {@code argocd} by default; for messages. */
  String namespace();

  /**
   * Every Secret labelled {@code argocd.argoproj.io/secret-type: cluster}, whoever made it.
   *
   * @throws RuntimeException when they cannot be listed: nothing can be planned then
   */
  List<ClusterSecret> list();

  /** Creates the Secret; refused when a Secret of that name exists already. */
  Write create(DesiredSecret secret);

  /** Writes the Secret again, only if it is still the one read ({@code existing}). */
  Write update(ClusterSecret existing, DesiredSecret secret);

  /** Deletes the Secret, only if it is still the one read (its uid and resourceVersion). */
  Write delete(ClusterSecret existing);

  /** What one write did. */
  sealed interface Write {

    /** Done. */
    record Done() implements Write {}

    /** Not done, and why: the Secret changed meanwhile, the server refused, … (no values). */
    record Refused(String reason) implements Write {}
  }
}
