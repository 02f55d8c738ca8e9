package io.fleetgate.console.editor;

import io.fleetgate.api.LocalFinding;
import java.nio.file.Path;
import java.util.List;

/**
 * Evaluates a working copy with the platform's policies; may take a while, never on the UI thread.
 */
@FunctionalInterface
public interface LocalChecker {
  List<LocalFinding> check(Path workingCopy) throws Exception;
}
