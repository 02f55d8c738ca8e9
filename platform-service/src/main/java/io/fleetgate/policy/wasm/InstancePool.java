package io.fleetgate.policy.wasm;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * At most one policy instance per permit, created when first needed and reused afterwards; an
 * instance that failed is dropped and replaced by a new one on a later borrow.
 */
final class InstancePool {

  private final Supplier<WasmPolicyEvaluator.Instance> factory;
  private final ConcurrentLinkedDeque<WasmPolicyEvaluator.Instance> idle =
      new ConcurrentLinkedDeque<>();
  private final Semaphore permits;
  private final AtomicInteger made = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param first an instance already made (the probe), lent out first
   */
  InstancePool(
      WasmPolicyEvaluator.Instance first,
      Supplier<WasmPolicyEvaluator.Instance> factory,
      int size) {
    this.factory = factory;
    this.permits = new Semaphore(size, true);
    idle.add(first);
  }

  /**
   * Waits up to {@code wait} for a permit, first come first served, then lends an idle instance or
   * a new one.
   *
   * @return the instance, or {@code null} when no permit came free in time
   * @throws IllegalStateException once the pool is closed
   */
  WasmPolicyEvaluator.Instance borrow(Duration wait) throws InterruptedException {
    if (closed) {
      throw new IllegalStateException("Pool is closed");
    }
    if (!permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      return null;
    }
    WasmPolicyEvaluator.Instance instance = idle.pollFirst();
    if (instance != null) {
      return instance;
    }
    try {
      made.incrementAndGet();
      return factory.get();
    } catch (Throwable e) {
      permits.release();
      throw e;
    }
  }

  /** How many instances the factory made (the probe not counted). */
  int made() {
    return made.get();
  }

  /** How many instances wait to be lent. */
  int idle() {
    return idle.size();
  }

  void release(WasmPolicyEvaluator.Instance instance) {
    idle.offerFirst(instance);
    permits.release();
  }

  /** Gives the permit back without the instance, which is left to the garbage collector. */
  void discard() {
    permits.release();
  }

  /** Drops the idle instances; borrowing fails from now on, instances out on loan finish. */
  void close() {
    closed = true;
    idle.clear();
  }
}
