package io.fleetgate.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running loop of {@code fleetgate serve}: syncs every {@code interval}, at once when
 * {@link #refreshNow()} is called (a webhook), and with a full drift check every {@code
 * fullCheckEvery}. One sync runs at a time; a refresh requested during a sync runs right after it.
 */
public final class SyncLoop implements AutoCloseable {

  /** One sync: the engine in production, a recorder in tests. */
  @FunctionalInterface
  public interface Syncer {
    SyncReport sync(SyncOptions options) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

  private final Syncer syncer;
  private final Duration interval;
  private final Duration fullCheckEvery;
  private final Clock clock;
  private final Consumer<SyncReport> onReport;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean refreshRequested;
  private boolean closed;

  public SyncLoop(
      Syncer syncer,
      Duration interval,
      Duration fullCheckEvery,
      Clock clock,
      Consumer<SyncReport> onReport) {
    this.syncer = syncer;
    this.interval = interval;
    this.fullCheckEvery = fullCheckEvery;
    this.clock = clock;
    this.onReport = onReport;
  }

  /** Asks for a sync as soon as the current one (if any) is done. Never blocks. */
  public void refreshNow() {
    lock.lock();
    try {
      refreshRequested = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Runs until {@link #close()}: sync, then wait for the interval or a refresh. */
  public void run() {
    Instant lastFullCheck = Instant.MIN;
    while (!isClosed()) {
      boolean full = !lastFullCheck.isAfter(clock.instant().minus(fullCheckEvery));
      try {
        onReport.accept(syncer.sync(full ? SyncOptions.fullCheckOfAll() : SyncOptions.all()));
        if (full) {
          lastFullCheck = clock.instant();
        }
      } catch (Exception e) {
        log.error("Sync failed: {}", e.getMessage(), e);
      }
      awaitNext();
    }
  }

  private void awaitNext() {
    lock.lock();
    try {
      long remaining = interval.toNanos();
      while (!refreshRequested && !closed && remaining > 0) {
        remaining = wake.awaitNanos(remaining);
      }
      refreshRequested = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed || Thread.currentThread().isInterrupted();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the loop after the sync in progress, if any. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
