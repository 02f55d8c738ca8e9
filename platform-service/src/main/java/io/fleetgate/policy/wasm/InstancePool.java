package io.fleetgate.policy.wasm;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
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
  private volatile boolean closed;

  /**
   * @param first an instance already made (the probe), lent out first
   */
  InstancePool(
      WasmPolicyEvaluator.Instance first,
      Supplier<WasmPolicyEvaluator.Instance> factory,
      int size) {
    this.factory = factory;
    this.permits = new Semaphore(size);
    idle.add(first);
  }

  /**
   * Waits for a permit, then lends an idle instance or a new one.
   *
   * @throws IllegalStateException once the pool is closed
   */
  WasmPolicyEvaluator.Instance borrow() throws InterruptedException {
    if (closed) {
      throw new IllegalStateException("Pool is closed");
    }
    permits.acquire();
    WasmPolicyEvaluator.Instance instance = idle.pollFirst();
    if (instance != null) {
      return instance;
    }
    try {
      return factory.get();
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
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
