package io.fleetgate.store;

import io.fleetgate.api.SloStatus;

/** One SLO's figures on one cluster at one time, as the platform keeps them for trends. */
public record SloSnapshot(String service, String slo, SloStatus.Point point) {}
