package io.fleetgate.netpol;

import io.fleetgate.domain.SourceLocation;
import java.util.Map;

/** One parsed manifest document (or a list item) and where it was declared. */
public record ManifestObject(Map<String, Object> content, SourceLocation source) {}
