package io.fleetgate.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.styra.opa.wasm.OpaPolicy;
import com.styra.opa.wasm.OpaPolicyPool;
import io.fleetgate.policy.ChangeSetDecision;
import io.fleetgate.policy.ChangeSetInput;
import io.fleetgate.policy.DecisionDocument;
import io.fleetgate.policy.PolicyBundle;
import io.fleetgate.policy.PolicyDecision;
import io.fleetgate.policy.PolicyEvaluator;
import io.fleetgate.policy.PolicyException;
import io.fleetgate.policy.PolicyInput;

/**
 * Evaluates the bundle's entrypoints with opa-java-wasm. An {@link OpaPolicy} is not thread-safe,
 * so evaluations borrow instances from a pool sized to the processors; an instance that failed is
 * discarded rather than returned. A borrowed instance is pointed at the entrypoint it evaluates.
 */
public final class WasmPolicyEvaluator implements PolicyEvaluator {

  public static final String ENTRYPOINT = "fleetgate/main/decision";
  public static final String CHANGESET_ENTRYPOINT = "fleetgate/main/changeset";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpaPolicyPool pool;

  private WasmPolicyEvaluator(OpaPolicyPool pool) {
    this.pool = pool;
  }

  /** An evaluator for the bundle, with one pooled instance per processor. */
  public static WasmPolicyEvaluator of(PolicyBundle bundle) throws PolicyException {
    byte[] wasm = bundle.policyWasm();
    String data = bundle.dataJson();
    try {
      // Build one instance eagerly so that a broken module fails here, not on first use.
      OpaPolicy probe = instance(wasm, data);
      probe.findEntrypoint(ENTRYPOINT);
      probe.findEntrypoint(CHANGESET_ENTRYPOINT);
    } catch (RuntimeException e) {
      throw new PolicyException("The Wasm policy module cannot be loaded: " + e.getMessage(), e);
    }
    return new WasmPolicyEvaluator(
        OpaPolicyPool.create(
            () -> instance(wasm, data), Runtime.getRuntime().availableProcessors()));
  }

  private static OpaPolicy instance(byte[] wasm, String data) {
    OpaPolicy policy = OpaPolicy.builder().withPolicy(wasm).build();
    policy.data(data);
    return policy;
  }

  @Override
  public PolicyDecision evaluate(PolicyInput input) throws PolicyException {
    return DecisionDocument.parse(first(run(ENTRYPOINT, input.toJson()), ENTRYPOINT), engine());
  }

  @Override
  public ChangeSetDecision evaluateChangeSet(ChangeSetInput input) throws PolicyException {
    return DecisionDocument.parseChangeSet(
        first(run(CHANGESET_ENTRYPOINT, input.toJson()), CHANGESET_ENTRYPOINT), engine());
  }

  private String run(String entrypoint, String input) throws PolicyException {
    OpaPolicyPool.Loan loan;
    try {
      loan = pool.borrow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PolicyException("Interrupted while waiting for a Wasm policy instance", e);
    }
    String result;
    try {
      result = loan.policy().entrypoint(entrypoint).input(input).evaluate();
    } catch (RuntimeException e) {
      loan.discard();
      throw new PolicyException("The Wasm policy failed: " + e.getMessage(), e);
    }
    loan.close();
    return result;
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

  @Override
  public void close() {
    pool.close();
  }
}
