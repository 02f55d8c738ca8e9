package io.fleetgate.source.jgit;

import io.fleetgate.domain.Deadlines;
import io.fleetgate.source.SourceException;
import io.fleetgate.source.SourceFetcher.Fetch;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Holds one fetch of the repository — asking for the default branch, fetching or cloning, checking
 * out — to a deadline as a whole. JGit's own timeout is per read, so a remote that sends a byte
 * every few seconds never trips it; here the fetch runs on a thread of its own and, at the
 * deadline, is cancelled (its progress monitor says so between progress updates) and interrupted (a
 * virtual thread blocked on a socket has the socket closed). A fetch that still has not ended a
 * grace period later is left behind, and the next fetch does not touch the working copy until it
 * has.
 */
final class FetchDeadline {

  /** How long a cut-off fetch is given to end before the working copy is read without it. */
  static final Duration GRACE = Duration.ofSeconds(5);

  /** One fetch, told through its monitor when it has been cancelled. */
  @FunctionalInterface
  interface Work {
    Fetch fetch(ProgressMonitor monitor) throws SourceException;
  }

  /** What a fetch that was cut off, or not started, yields instead: usually the stale copy. */
  @FunctionalInterface
  interface Instead {
    Fetch fetch(String reason) throws SourceException;
  }

  private final Duration deadline;
  private final Duration grace;
  private volatile Thread inFlight;

  FetchDeadline(Duration deadline, Duration grace) {
    this.deadline = deadline;
    this.grace = grace;
  }

  Duration deadline() {
    return deadline;
  }

  /**
   * Runs the work and returns what it fetched, or what {@code instead} gives with a reason naming
   * the deadline when the work did not end in time (or an earlier cut-off fetch is still running).
   */
  Fetch run(Work work, Instead instead) throws SourceException {
    Thread earlier = inFlight;
    if (earlier != null && earlier.isAlive()) {
      return instead.fetch(
          "an earlier fetch, cut off at its deadline of "
              + Deadlines.display(deadline)
              + ", has not ended yet");
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    ProgressMonitor monitor =
        new EmptyProgressMonitor() {
          @Override
          public boolean isCancelled() {
            return cancelled.get();
          }
        };
    CompletableFuture<Fetch> done = new CompletableFuture<>();
    Thread worker =
        Thread.ofVirtual()
            .name("git-fetch")
            .start(
                () -> {
                  try {
                    done.complete(work.fetch(monitor));
                  } catch (Throwable t) {
                    done.completeExceptionally(t);
                  }
                });
    inFlight = worker;
    try {
      return done.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      cancelled.set(true);
      worker.interrupt();
      awaitEnd(worker);
      return instead.fetch("the fetch passed its deadline of " + Deadlines.display(deadline));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SourceException failure) {
        throw failure;
      }
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled.set(true);
      worker.interrupt();
      throw new IllegalStateException("Interrupted while fetching", e);
    }
  }

  private void awaitEnd(Thread worker) {
    try {
      if (!worker.join(grace)) {
        org.slf4j.LoggerFactory.getLogger(FetchDeadline.class)
            .warn(
                "A fetch cut off at its deadline has not ended {} later", Deadlines.display(grace));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
