package io.fleetgate.policy.wasm;

import com.dylibso.chicory.runtime.CompiledModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.styra.opa.wasm.OpaBuiltin;
import com.styra.opa.wasm.OpaPolicy;
import com.styra.opa.wasm.builtins.Provided;
import io.fleetgate.domain.Deadlines;
import io.fleetgate.policy.ChangeSetDecision;
import io.fleetgate.policy.ChangeSetInput;
import io.fleetgate.policy.DecisionDocument;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyDecision;
import io.fleetgate.policy.PolicyEvaluator;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyInput;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the bundle's entrypoints in process on the Chicory runtime. The built-in bundle runs
 * from the Java bytecode its module was compiled to when Fleetgate was built ({@link
 * CompiledOpaPolicy}); any other bundle — the built-in policies compiled together with a fleet's
 * own — is compiled when it is loaded, by the OPA Java SDK for Wasm in compiler mode. Both run the
 * same module through the same ABI calls, so they decide identically.
 *
 * <p>A policy instance is not thread-safe, so evaluations borrow instances from a pool sized to the
 * processors; an instance that failed is discarded rather than returned.
 */
public final class WasmPolicyEvaluator implements PolicyEvaluator {

  public static final String ENTRYPOINT = "fleetgate/main/decision";
  public static final String CHANGESET_ENTRYPOINT = "fleetgate/main/changeset";

  private static final Logger log = LoggerFactory.getLogger(WasmPolicyEvaluator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How many evaluation deadlines an evaluation waits for an instance before it is denied. Every
   * instance on loan is freed within a deadline (plus a watchdog tick) unless its evaluation is
   * stuck out of the interrupt's reach; then the wait ends rather than hanging the gate.
   */
  static final int BORROW_WAIT_DEADLINES = 5;

  /**
   * The most 64 KiB pages of memory one instance may grow to: 256 MiB, not Wasm's 4 GiB, so that a
   * policy building an enormous value fails on its own memory instead of the platform's heap.
   */
  static final int MAX_MEMORY_PAGES = 4096;

  private static final Sprintf SPRINTF = new Sprintf();

  /** What OPA's allocator aborts with when the instance's memory cannot grow further. */
  private static final String OUT_OF_MEMORY = "opa_malloc: failed";

  /** One instance of a policy module; not thread-safe. */
  interface Instance {
    /**
     * @return the result set as OPA's ABI dumps it, {@code [{"result": …}]}
     */
    String evaluate(String entrypoint, String input);

    Set<String> entrypoints();
  }

  private final InstancePool pool;
  private final Limits limits;

  /** How long one evaluation of an object, and of a change set, may take. */
  private record Limits(Duration object, Duration changeSet) {}

  private WasmPolicyEvaluator(InstancePool pool, Limits limits) {
    this.pool = pool;
    this.limits = limits;
  }

  /** An evaluator for the bundle, with the default evaluation deadlines. */
  public static WasmPolicyEvaluator of(PolicyBundle bundle) throws PolicyException {
    return of(bundle, Deadlines.DEFAULTS);
  }

  /**
   * An evaluator for the bundle whose evaluations, of an object or of a change set alike, may take
   * up to {@code deadline}.
   */
  public static WasmPolicyEvaluator of(PolicyBundle bundle, Duration deadline)
      throws PolicyException {
    return of(bundle, Deadlines.DEFAULTS.withEvaluation(deadline).withChangeSet(deadline));
  }

  /**
   * An evaluator for the bundle, with up to one pooled instance per processor.
   *
   * @param deadlines how long one evaluation of an object ({@link Deadlines#evaluation()}) and of a
   *     change set ({@link Deadlines#changeSet()}) may take; past it the evaluation fails (the
   *     caller denies) and its instance is discarded
   */
  public static WasmPolicyEvaluator of(PolicyBundle bundle, Deadlines deadlines)
      throws PolicyException {
    Limits deadline = new Limits(deadlines.evaluation(), deadlines.changeSet());
    byte[] wasm = bundle.policyWasm();
    String data = bundle.dataJson();
    Optional<CompiledModule> compiled = BuiltInModule.compiledFor(wasm);
    if (compiled.isPresent()) {
      CompiledModule module = compiled.get();
      Instance probe;
      try {
        probe = new CompiledOpaPolicy(module, data);
      } catch (IllegalArgumentException e) {
        log.warn(
            "The built-in policies cannot run from their build-time compiled module ({}); compiling"
                + " them now instead",
            e.getMessage());
        return compiledAtRunTime(wasm, data, deadline);
      } catch (RuntimeException e) {
        throw cannotLoad(e);
      }
      return create(probe, () -> new CompiledOpaPolicy(module, data), deadline);
    }
    return compiledAtRunTime(wasm, data, deadline);
  }

  /** An evaluator that compiles the bundle's module now, even the built-in one (for tests). */
  static WasmPolicyEvaluator compiledAtRunTime(PolicyBundle bundle) throws PolicyException {
    return compiledAtRunTime(
        bundle.policyWasm(),
        bundle.dataJson(),
        new Limits(Deadlines.DEFAULTS.evaluation(), Deadlines.DEFAULTS.changeSet()));
  }

  private static WasmPolicyEvaluator compiledAtRunTime(byte[] wasm, String data, Limits deadline)
      throws PolicyException {
    Instance probe;
    try {
      probe = sdkInstance(wasm, data);
    } catch (RuntimeException e) {
      throw cannotLoad(e);
    }
    return create(probe, () -> sdkInstance(wasm, data), deadline);
  }

  /** An evaluator over instances the factory makes, every evaluation held to {@code deadline}. */
  static WasmPolicyEvaluator pooling(Supplier<Instance> factory, Duration deadline)
      throws PolicyException {
    return create(factory.get(), factory, new Limits(deadline, deadline));
  }

  /** Checks the probe, built eagerly so that a broken module fails here, and pools it. */
  private static WasmPolicyEvaluator create(
      Instance probe, Supplier<Instance> factory, Limits deadline) throws PolicyException {
    for (String entrypoint : new String[] {ENTRYPOINT, CHANGESET_ENTRYPOINT}) {
      if (!probe.entrypoints().contains(entrypoint)) {
        throw new PolicyException(
            "The Wasm policy module cannot be loaded: Entrypoint "
                + entrypoint
                + " is not defined in this policy");
      }
    }
    return new WasmPolicyEvaluator(
        new InstancePool(probe, factory, Runtime.getRuntime().availableProcessors()), deadline);
  }

  private static PolicyException cannotLoad(RuntimeException e) {
    return new PolicyException("The Wasm policy module cannot be loaded: " + e.getMessage(), e);
  }

  /** An instance the OPA Java SDK compiles from the module's bytes. */
  private static Instance sdkInstance(byte[] wasm, String data) {
    OpaPolicy policy =
        OpaPolicy.builder()
            .withPolicy(wasm)
            .withMaxMemory(MAX_MEMORY_PAGES)
            .withDefaultBuiltins(false)
            .addBuiltins(builtins())
            .build();
    policy.data(data);
    java.util.Map<String, Integer> entrypoints = policy.entrypoints();
    return new Instance() {
      @Override
      public String evaluate(String entrypoint, String input) {
        Integer id = entrypoints.get(entrypoint);
        if (id == null) {
          throw new IllegalArgumentException(
              "Entrypoint " + entrypoint + " is not defined in this policy");
        }
        return policy.entrypoint(id).input(input).evaluate();
      }

      @Override
      public Set<String> entrypoints() {
        return entrypoints.keySet();
      }
    };
  }

  /**
   * The SDK's builtins, with Fleetgate's {@code sprintf} in place of the SDK's, which formats any
   * width it is asked for. (The SDK lets its defaults override builtins added to them, so the
   * defaults are added here, one by one.)
   */
  private static OpaBuiltin.Builtin[] builtins() {
    java.util.List<OpaBuiltin.Builtin> builtins = new java.util.ArrayList<>();
    for (OpaBuiltin.Builtin builtin : Provided.all()) {
      if (!builtin.name().equals("sprintf")) {
        builtins.add(builtin);
      }
    }
    builtins.add(
        OpaBuiltin.from(
            "sprintf",
            (OpaBuiltin.TwoFunction) (module, format, values) -> SPRINTF.apply(format, values)));
    return builtins.toArray(OpaBuiltin.Builtin[]::new);
  }

  @Override
  public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
    return evaluate(input, input.toJson());
  }

  @Override
  public PolicyDecision evaluate(PolicyInput input, String json) throws PolicyException {
    return DecisionDocument.parse(
        first(run(ENTRYPOINT, json, limits.object()), ENTRYPOINT), engine());
  }

  @Override
  public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException {
    return DecisionDocument.parseChangeSet(
        first(run(CHANGESET_ENTRYPOINT, input.toJson(), limits.changeSet()), CHANGESET_ENTRYPOINT),
        engine());
  }

  private String run(String entrypoint, String input, Duration deadline) throws PolicyException {
    Duration wait = deadline.multipliedBy(BORROW_WAIT_DEADLINES);
    Instance instance;
    try {
      instance = pool.borrow(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PolicyException("Interrupted while waiting for a Wasm policy instance", e);
    } catch (RuntimeException | Error e) {
      throw new PolicyException("A Wasm policy instance cannot be made: " + e, e);
    }
    if (instance == null) {
      throw new PolicyException(
          "No Wasm policy instance came free within "
              + Deadlines.display(wait)
              + ": every one is held by an evaluation that has not ended",
          null);
    }
    String result;
    EvaluationWatchdog.Watch watch = EvaluationWatchdog.SHARED.start(deadline);
    try (watch) {
      result = instance.evaluate(entrypoint, input);
    } catch (Throwable e) {
      // An instance stopped midway, or one that failed in any way — an Error from a host builtin
      // included — may hold any state: it is never reused, and its permit is given back.
      pool.discard();
      if (watch.stopped()) {
        throw new io.fleetgate.policy.PolicyDeadlineException(
            "The Wasm policy did not decide within its deadline of "
                + Deadlines.display(deadline)
                + " and was stopped; a rule loops or builds an enormous collection",
            e);
      }
      if (e instanceof RuntimeException && String.valueOf(e.getMessage()).contains(OUT_OF_MEMORY)) {
        throw new PolicyException(
            "The Wasm policy ran out of its "
                + MAX_MEMORY_PAGES / 16
                + " MiB of memory and was stopped; a rule builds an enormous collection",
            e);
      }
      if (e instanceof RuntimeException) {
        throw new PolicyException("The Wasm policy failed: " + e.getMessage(), e);
      }
      log.error("The Wasm policy failed with {}; its instance is discarded", e.toString());
      throw new PolicyException("The Wasm policy failed: " + e, e);
    }
    if (watch.stopped()) {
      // Stopped just as it returned: its answer is not trusted, nor its instance.
      pool.discard();
      throw new io.fleetgate.policy.PolicyDeadlineException(
          "The Wasm policy did not decide within its deadline of "
              + Deadlines.display(deadline)
              + " and was stopped",
          null);
    }
    pool.release(instance);
    return result;
  }

  /** How many instances wait to be lent (for tests). */
  int idleInstances() {
    return pool.idle();
  }

  /** How many instances were made since the probe (for tests). */
  int instancesMade() {
    return pool.made();
  }

  /** Wasm results come as {@code [{"result": value}]}; an undefined decision is an empty array. */
  private JsonNode first(String result, String entrypoint) throws PolicyException {
    try {
      JsonNode results = JSON.readTree(result);
      if (!results.isArray() || results.isEmpty()) {
        throw new PolicyException("The Wasm policy left " + entrypoint + " undefined");
      }
      return results.get(0).get("result");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new PolicyException(
          "The Wasm policy answered something that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public String engine() {
    return "wasm";
  }

  /** Its module and data are fixed when it is built. */
  @Override
  public boolean decidesFromInputAlone() {
    return true;
  }

  @Override
  public void close() {
    pool.close();
  }
}
