package io.fleetgate.policy.wasm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds each Wasm evaluation to a deadline by interrupting the thread that runs it. Chicory's
 * compiled and interpreted code check the thread's interrupt status as they run and stop with a
 * {@code ChicoryInterruptedException}, so a policy that loops or explodes is stopped wherever it
 * is; the instance it ran on is then discarded, never reused. One daemon thread for the whole
 * process looks over the evaluations in flight every {@link #TICK}: an evaluation costs two map
 * operations, not a timer, none is stopped before its deadline, and none more than a tick after it.
 * Shared, so that evaluators dropped without being closed leave no thread behind.
 */
final class EvaluationWatchdog {

  /** How often the evaluations in flight are looked over. */
  static final Duration TICK = Duration.ofMillis(50);

  /** The process's watchdog. */
  static final EvaluationWatchdog SHARED = new EvaluationWatchdog();

  private static final int RUNNING = 0;
  private static final int FINISHED = 1;
  private static final int STOPPING = 2;
  private static final int STOPPED = 3;

  private final Map<Watch, Boolean> inFlight = new ConcurrentHashMap<>();

  private EvaluationWatchdog() {
    Thread.ofPlatform().daemon().name("wasm-deadline").start(this::watch);
  }

  /** One evaluation being watched, on the thread that started it. */
  final class Watch implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final long due;
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    /**
     * Whether the thread was already interrupted, by someone else, when the watchdog stopped it.
     */
    private volatile boolean interruptedBefore;

    private Watch(Duration deadline) {
      this.due = System.nanoTime() + deadline.toNanos();
    }

    /** Whether the watchdog stopped this evaluation at its deadline. */
    boolean stopped() {
      return state.get() >= STOPPING;
    }

    /**
     * Ends the watch. When the watchdog interrupted the thread, the interrupt it sent is cleared
     * here, so that it never reaches whatever the thread does next; an interrupt from anyone else
     * that was pending when the watchdog sent its own (a reconcile cut off during a host builtin
     * that ignores interrupts) is set again. One that arrives after the watchdog's cannot be told
     * from it: the reconcile's cut-off mark, not the interrupt alone, is what stops a reconcile.
     */
    @Override
    public void close() {
      inFlight.remove(this);
      if (state.compareAndSet(RUNNING, FINISHED)) {
        return;
      }
      while (state.get() != STOPPED) {
        Thread.onSpinWait();
      }
      Thread.interrupted();
      if (interruptedBefore) {
        thread.interrupt();
      }
    }

    private void stopIfDue(long now) {
      if (now - due >= 0 && state.compareAndSet(RUNNING, STOPPING)) {
        interruptedBefore = thread.isInterrupted();
        thread.interrupt();
        state.set(STOPPED);
      }
    }
  }

  /** Starts watching an evaluation on the current thread; close the watch when it returns. */
  Watch start(Duration deadline) {
    Watch watch = new Watch(deadline);
    inFlight.put(watch, Boolean.TRUE);
    return watch;
  }

  private void watch() {
    while (true) {
      LockSupport.parkNanos(TICK.toNanos());
      long now = System.nanoTime();
      for (Watch watch : inFlight.keySet()) {
        watch.stopIfDue(now);
      }
    }
  }
}
