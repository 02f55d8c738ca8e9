package io.fleetgate.argocd.rest;

import java.io.IOException;

/** An answer longer than Fleetgate reads; the rest of it was never read. */
final class AnswerTooLarge extends IOException {

  private static final long serialVersionUID = 1L;

  AnswerTooLarge(long limit) {
    super("the answer is larger than " + limit + " bytes");
  }
}
