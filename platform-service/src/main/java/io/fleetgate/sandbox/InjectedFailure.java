package io.fleetgate.sandbox;

import java.util.Objects;

/** A failure {@link NodeSimulator#upgrade} plays on purpose, for tests and demos of halts. */
public sealed interface InjectedFailure {

  /** Every node comes back. */
  static InjectedFailure none() {
    return new None();
  }

  /** The named node gets its new versions but never reports Ready again. */
  static InjectedFailure neverReady(String node) {
    return new NeverReady(node, null);
  }

  /**
   * The named node never reports Ready again after an upgrade to this kernel; to any other (a roll
   * back, say) it comes back.
   */
  static InjectedFailure neverReadyOnKernel(String node, String kernel) {
    return new NeverReady(node, Objects.requireNonNull(kernel, "kernel"));
  }

  record None() implements InjectedFailure {}

  /**
   * @param kernel the kernel whose upgrades it fails; null for every upgrade
   */
  record NeverReady(String node, String kernel) implements InjectedFailure {
    public NeverReady {
      Objects.requireNonNull(node, "node");
    }

    /** Whether an upgrade of {@code name} to {@code target} never comes back. */
    public boolean stops(String name, io.fleetgate.patch.PatchTarget target) {
      return node.equals(name) && (kernel == null || kernel.equals(target.kernelVersion()));
    }
  }
}
