package io.fleetgate.events;

import java.time.Instant;
import java.util.Map;

/**
 * One event.
 *
 * @param id its place in the sequence, from 1
 * @param type e.g. {@code sync.finished}
 * @param data what happened, as JSON-like values
 */
public record FleetEvent(long id, String type, Instant time, Map<String, Object> data) {}
