package io.fleetgate.policy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gate's own threads, one per processor: evaluations are CPU-bound, so more would not decide
 * sooner, and on a pool of their own they can neither starve nor be starved by other work of the
 * process (the common ForkJoin pool serves parallel streams everywhere). Idle threads end after
 * {@link #IDLE}, so a gate that is dropped leaves nothing running.
 */
final class GateWorkers {

  /** How long an idle worker is kept. */
  static final Duration IDLE = Duration.ofSeconds(30);

  private static final AtomicInteger GATES = new AtomicInteger();

  private final ThreadPoolExecutor executor;

  GateWorkers(int threads) {
    int gate = GATES.incrementAndGet();
    AtomicInteger worker = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            IDLE.toMillis(),
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            task ->
                Thread.ofPlatform()
                    .daemon()
                    .name("policy-gate-" + gate + "-" + worker.incrementAndGet())
                    .unstarted(task));
    executor.allowCoreThreadTimeOut(true);
  }

  static GateWorkers perProcessor() {
    return new GateWorkers(Runtime.getRuntime().availableProcessors());
  }

  <T> Future<T> submit(Callable<T> task) {
    return executor.submit(task);
  }
}
