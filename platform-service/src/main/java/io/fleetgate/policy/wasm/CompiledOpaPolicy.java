package io.fleetgate.policy.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One instance of an OPA policy module that Chicory compiled to Java bytecode at build time,
 * evaluated through OPA's Wasm ABI (version 1): the data document is parsed once, each evaluation
 * resets the heap to just after it, parses the input, runs the entrypoint and dumps the result.
 *
 * <p>It does what the OPA Java SDK's {@code OpaPolicy} does for a module it compiles when the
 * process starts, with the same memory limit ({@link WasmPolicyEvaluator#MAX_MEMORY_PAGES}), the
 * same evaluation calls and the same {@code sprintf} ({@link Sprintf}), the one SDK-provided
 * builtin the built-in policies use. A module that needs any other host-provided builtin is
 * refused, so that its evaluation stays with the SDK. Not thread-safe: evaluations borrow instances
 * from a pool.
 */
final class CompiledOpaPolicy implements WasmPolicyEvaluator.Instance {

  /** The builtins this binding provides, by OPA name. */
  static final Map<String, Sprintf> BUILTINS = Map.of("sprintf", new Sprintf());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INITIAL_PAGES = 10;
  private static final int ERR_OK = 0;

  private final Memory memory =
      new ByteArrayMemory(new MemoryLimits(INITIAL_PAGES, WasmPolicyEvaluator.MAX_MEMORY_PAGES));
  private final Instance instance;
  private final ExportFunction malloc;
  private final ExportFunction free;
  private final ExportFunction jsonParse;
  private final ExportFunction jsonDump;
  private final ExportFunction heapPtrSet;
  private final ExportFunction evalCtxNew;
  private final ExportFunction evalCtxSetData;
  private final ExportFunction evalCtxSetInput;
  private final ExportFunction evalCtxSetEntrypoint;
  private final ExportFunction eval;
  private final ExportFunction evalCtxGetResult;
  private final Map<String, Integer> entrypoints;
  private final Sprintf[] builtinsById;
  private final int dataAddr;
  private final int dataHeapPtr;

  /**
   * @throws IllegalArgumentException when the module speaks another ABI version or needs a builtin
   *     this binding does not provide
   */
  CompiledOpaPolicy(CompiledModule module, String data) {
    instance =
        Instance.builder(module.wasmModule())
            .withImportValues(imports())
            .withMachineFactory(module.machineFactory())
            .build();
    long abi = instance.exports().global("opa_wasm_abi_version").getValue();
    if (abi != 1) {
      throw new IllegalArgumentException("unsupported OPA Wasm ABI version " + abi);
    }
    malloc = instance.export("opa_malloc");
    free = instance.export("opa_free");
    jsonParse = instance.export("opa_json_parse");
    jsonDump = instance.export("opa_json_dump");
    heapPtrSet = instance.export("opa_heap_ptr_set");
    evalCtxNew = instance.export("opa_eval_ctx_new");
    evalCtxSetData = instance.export("opa_eval_ctx_set_data");
    evalCtxSetInput = instance.export("opa_eval_ctx_set_input");
    evalCtxSetEntrypoint = instance.export("opa_eval_ctx_set_entrypoint");
    eval = instance.export("eval");
    evalCtxGetResult = instance.export("opa_eval_ctx_get_result");
    entrypoints = readMap(call(instance.export("entrypoints")));
    builtinsById = builtins(readMap(call(instance.export("builtins"))));
    dataAddr = parse(data);
    dataHeapPtr = call(instance.export("opa_heap_ptr_get"));
  }

  @Override
  public Set<String> entrypoints() {
    return Collections.unmodifiableSet(entrypoints.keySet());
  }

  /**
   * @return the result set as OPA's ABI dumps it, e.g. {@code [{"result": …}]}
   * @throws IllegalArgumentException for an entrypoint the module does not have
   * @throws RuntimeException when the policy aborts, a builtin fails or evaluation returns an error
   */
  @Override
  public String evaluate(String entrypoint, String input) {
    Integer id = entrypoints.get(entrypoint);
    if (id == null) {
      throw new IllegalArgumentException(
          "Entrypoint " + entrypoint + " is not defined in this policy");
    }
    heapPtrSet.apply(dataHeapPtr);
    int inputAddr = parse(input);
    int ctx = call(evalCtxNew);
    evalCtxSetData.apply(ctx, dataAddr);
    evalCtxSetInput.apply(ctx, inputAddr);
    evalCtxSetEntrypoint.apply(ctx, id);
    int code = (int) eval.apply(ctx)[0];
    if (code != ERR_OK) {
      throw new RuntimeException("Error evaluating the Opa Policy, returned code is: " + code);
    }
    return dump(call(evalCtxGetResult, ctx));
  }

  private ImportValues imports() {
    ImportValues.Builder imports =
        ImportValues.builder()
            .addMemory(new ImportMemory("env", "memory", memory))
            .addFunction(
                new HostFunction(
                    "env",
                    "opa_abort",
                    FunctionType.of(List.of(ValType.I32), List.of()),
                    (instance, args) -> {
                      throw new RuntimeException(
                          "opa_abort - " + memory.readCString((int) args[0]));
                    }));
    for (int arity = 0; arity <= 4; arity++) {
      int operands = arity;
      List<ValType> params = Collections.nCopies(arity + 2, ValType.I32);
      imports.addFunction(
          new HostFunction(
              "env",
              "opa_builtin" + arity,
              FunctionType.of(params, List.of(ValType.I32)),
              (instance, args) -> new long[] {builtin(operands, args)}));
    }
    return imports.build();
  }

  /** A call of {@code opa_builtinN(id, ctx, operand…)}: operands are addresses of values. */
  private int builtin(int operands, long[] args) {
    int id = (int) args[0];
    Sprintf builtin = id < builtinsById.length ? builtinsById[id] : null;
    if (builtin == null || operands != 2) {
      throw new RuntimeException(
          "builtin " + id + " with " + operands + " operands is not provided");
    }
    try {
      JsonNode result = builtin.apply(readTree((int) args[2]), readTree((int) args[3]));
      return parse(JSON.writeValueAsString(result));
    } catch (JsonProcessingException e) {
      throw new RuntimeException(e);
    }
  }

  private Sprintf[] builtins(Map<String, Integer> named) {
    int size = named.values().stream().mapToInt(i -> i + 1).max().orElse(0);
    Sprintf[] byId = new Sprintf[size];
    named.forEach(
        (name, id) -> {
          Sprintf builtin = BUILTINS.get(name);
          if (builtin == null) {
            throw new IllegalArgumentException("the module needs the builtin " + name);
          }
          byId[id] = builtin;
        });
    return byId;
  }

  private JsonNode readTree(int addr) throws JsonProcessingException {
    return JSON.readTree(dump(addr));
  }

  private Map<String, Integer> readMap(int addr) {
    try {
      return JSON.readValue(dump(addr), new TypeReference<Map<String, Integer>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the module answered something that is not JSON", e);
    }
  }

  /** Copies JSON text into the module and parses it there; returns the value's address. */
  private int parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    int text = call(malloc, bytes.length);
    memory.write(text, bytes);
    int value = call(jsonParse, text, bytes.length);
    free.apply(text);
    return value;
  }

  /** Serialises a value of the module to JSON text. */
  private String dump(int value) {
    int text = call(jsonDump, value);
    String json = memory.readCString(text);
    free.apply(text);
    return json;
  }

  private static int call(ExportFunction function, long... args) {
    return (int) function.apply(args)[0];
  }
}
