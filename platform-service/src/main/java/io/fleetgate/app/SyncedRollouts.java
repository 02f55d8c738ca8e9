package io.fleetgate.app;

import io.fleetgate.render.LoadedRepo;
import io.fleetgate.rollout.RolloutCatalog;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollouts of the revision the latest sync read, read from the working copy while no sync
 * changes it, and read again only when a sync read the repository again.
 */
final class SyncedRollouts implements java.util.function.Supplier<RolloutService.Source> {

  private static final Logger log = LoggerFactory.getLogger(SyncedRollouts.class);

  private final SyncSetup setup;
  private final Lock workingCopy;
  private LoadedRepo readFrom;
  private RolloutService.Source latest = RolloutService.Source.NONE;

  SyncedRollouts(SyncSetup setup, Lock workingCopy) {
    this.setup = setup;
    this.workingCopy = workingCopy;
  }

  @Override
  public synchronized RolloutService.Source get() {
    Optional<LoadedRepo> loaded = setup.engine().lastRepository();
    if (loaded.isEmpty() || loaded.get() == readFrom || loaded.get().spec() == null) {
      return latest;
    }
    try {
      if (!workingCopy.tryLock(30, TimeUnit.SECONDS)) {
        return latest;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return latest;
    }
    try {
      LoadedRepo now = setup.engine().lastRepository().orElse(loaded.get());
      RolloutCatalog catalog = setup.renderer().rollouts(setup.workingCopy(), now);
      String revision =
          setup.store().latestRun().map(io.fleetgate.store.SyncRuns.Run::commit).orElse("");
      latest = new RolloutService.Source(catalog, revision);
      readFrom = now;
      log.info(
          "Rollouts at {}: {} ({} problem(s))",
          revision.length() > 12 ? revision.substring(0, 12) : revision,
          catalog.rollouts().size(),
          catalog.problems().size());
    } catch (RuntimeException e) {
      log.warn("Cannot read the rollouts of the working copy: {}", e.getMessage());
    } finally {
      workingCopy.unlock();
    }
    return latest;
  }
}
