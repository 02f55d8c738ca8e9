package io.fleetgate.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluator for a revision's policies: the built-in one when the fleet repository has none of
 * its own, otherwise one compiled from the built-in and the repository's policies together. A
 * compilation, successful or not, is remembered by the digest of the repository's files, so the
 * clusters of one revision share it and a later revision with the same files does not compile
 * again.
 */
public final class PolicyEngines implements AutoCloseable {

  /** Creates an evaluator for a compiled bundle. */
  @FunctionalInterface
  public interface EvaluatorFactory {
    PolicyEvaluator create(PolicyBundle bundle) throws PolicyException;
  }

  private static final Logger log = LoggerFactory.getLogger(PolicyEngines.class);
  private static final int REMEMBERED = 4;

  private final PolicyEvaluator builtIn;
  private Map<String, String> builtInSources;
  private final Reuse reuse;
  private final PolicyCompiler compiler;
  private final EvaluatorFactory factory;
  private final Map<String, PolicyCatalog> catalogs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Object> compiled =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
          // Dropped, not closed: a check on another thread may still be using it.
          return size() > REMEMBERED;
        }
      };

  /**
   * Engines whose decisions follow from their input alone remember them (see {@link
   * MemoizedEvaluator}), unless their policies call a nondeterministic built-in.
   */
  public PolicyEngines(PolicyEvaluator builtIn, PolicyCompiler compiler, EvaluatorFactory factory) {
    this(builtIn, compiler, factory, Reuse.DECISIONS);
  }

  /** Whether decisions are reused when the same input comes again. */
  public enum Reuse {
    /** Where it is safe (see {@link MemoizedEvaluator}): for syncs and editors, which re-check. */
    DECISIONS,
    /** Never: for one-shot checks, which judge each input once and would only pay for the memo. */
    NOTHING
  }

  public PolicyEngines(
      PolicyEvaluator builtIn, PolicyCompiler compiler, EvaluatorFactory factory, Reuse reuse) {
    this.reuse = reuse;
    this.builtIn = remembering(builtIn, Map.of());
    this.compiler = compiler;
    this.factory = factory;
  }

  /** The engine behind a memo when its decisions, over the built-in and the given Rego, may be. */
  private PolicyEvaluator remembering(PolicyEvaluator engine, Map<String, String> fleetSources) {
    if (reuse != Reuse.DECISIONS || !engine.decidesFromInputAlone()) {
      return engine;
    }
    Map<String, String> sources = new LinkedHashMap<>(builtInSources());
    sources.putAll(fleetSources);
    return MemoizedEvaluator.over(engine, sources);
  }

  /**
   * The built-in Rego without its tests, read once, to tell whether decisions may be remembered; a
   * source that counts as nondeterministic (so nothing is remembered) when it cannot be read.
   */
  private synchronized Map<String, String> builtInSources() {
    if (builtInSources == null) {
      builtInSources = readBuiltInSources();
    }
    return builtInSources;
  }

  private static Map<String, String> readBuiltInSources() {
    try {
      Map<String, String> sources = new LinkedHashMap<>(PolicyBundle.builtInRego().regoSources());
      sources.keySet().removeIf(path -> path.endsWith("_test.rego"));
      return sources;
    } catch (PolicyException e) {
      log.warn(
          "The built-in Rego cannot be read, so no decision is remembered: {}", e.getMessage());
      return Map.of(Determinism.UNKNOWN_SOURCE, Determinism.NONDETERMINISTIC.getFirst());
    }
  }

  /** Only the built-in policies; a repository with its own is refused with the reason. */
  public static PolicyEngines builtInOnly(PolicyEvaluator evaluator, String reason) {
    return new PolicyEngines(
        evaluator,
        PolicyCompiler.unavailable(reason),
        bundle -> {
          throw new PolicyException(reason);
        });
  }

  public PolicyEvaluator builtIn() {
    return builtIn;
  }

  /**
   * @throws PolicyCompileException when the repository's policies cannot be used; the clusters of
   *     the revision must stall
   */
  public synchronized PolicyEvaluator evaluatorFor(RepoPolicies policies)
      throws PolicyCompileException {
    if (policies.isEmpty()) {
      return builtIn;
    }
    String digest = policies.digest();
    Object known = compiled.get(digest);
    if (known == null) {
      known = compile(policies);
      compiled.put(digest, known);
    }
    if (known instanceof PolicyCompileException e) {
      throw e;
    }
    return (PolicyEvaluator) known;
  }

  private Object compile(RepoPolicies policies) {
    List<PolicyCompileException.Problem> problems = new ArrayList<>(CustomPackages.check(policies));
    if (!problems.isEmpty()) {
      return new PolicyCompileException(problems);
    }
    long started = System.nanoTime();
    try {
      PolicyBundle bundle = compiler.compile(PolicyBundle.builtInRego(), policies);
      PolicyEvaluator evaluator = remembering(factory.create(bundle), policies.policies());
      byte[] annotations = bundle.files().get(PolicyBundle.ANNOTATIONS);
      if (annotations != null) {
        try {
          catalogs.put(policies.digest(), PolicyCatalog.fromInspection(annotations));
        } catch (java.io.IOException e) {
          log.warn("The fleet's policy annotations cannot be read: {}", e.getMessage());
        }
      }
      log.info(
          "Compiled the fleet's own policies ({} file(s)) with the built-in ones in {} ms",
          policies.sources().size(),
          (System.nanoTime() - started) / 1_000_000);
      return evaluator;
    } catch (PolicyCompileException e) {
      return e;
    } catch (PolicyException e) {
      return new PolicyCompileException(
          List.of(
              new PolicyCompileException.Problem(
                  io.fleetgate.domain.SourceLocation.file(RepoPolicies.DIRECTORY + "/"),
                  e.getMessage())));
    }
  }

  /**
   * What each policy of a revision is about: the built-in catalog, with the titles, controls,
   * severity and remediation of the fleet's own policies once they compiled.
   */
  public PolicyCatalog catalogFor(RepoPolicies policies, PolicyCatalog builtIn) {
    if (policies.isEmpty()) {
      return builtIn;
    }
    PolicyCatalog own = catalogs.get(policies.digest());
    return own == null ? builtIn : builtIn.with(own);
  }

  @Override
  public synchronized void close() {
    builtIn.close();
    for (Object known : compiled.values()) {
      if (known instanceof PolicyEvaluator evaluator) {
        evaluator.close();
      }
    }
    compiled.clear();
  }
}
