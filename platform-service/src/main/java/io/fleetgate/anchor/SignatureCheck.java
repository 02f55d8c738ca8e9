package io.fleetgate.anchor;

/** What a head file's signature says when checked with a trusted public key. */
public enum SignatureCheck {
  /** Signed by the trusted key, over exactly this head. */
  VALID,
  /** A signature that does not verify with the trusted key: forged, altered, or another key's. */
  INVALID,
  /** No signature at all. */
  UNSIGNED;

  public String explanation() {
    return switch (this) {
      case VALID -> "signed by the trusted key";
      case INVALID ->
          "its signature does not verify with the trusted public key (altered, forged or signed"
              + " by another key)";
      case UNSIGNED ->
          "it is not signed; export heads with a signing key (FLEETGATE_AUDIT_SIGNING_KEY or"
              + " 'audit head --signing-key') to check them";
    };
  }
}
