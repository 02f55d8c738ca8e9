package io.fleetgate.policy;

import io.fleetgate.domain.RenderedObject;
import io.fleetgate.netpol.Endpoint;
import io.fleetgate.netpol.Explanation;
import io.fleetgate.netpol.ManifestObject;
import io.fleetgate.netpol.ManifestProblem;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.ModelReader;
import io.fleetgate.netpol.NetworkAnalysis;
import io.fleetgate.netpol.ProtectedNamespaces;
import io.fleetgate.netpol.ProtectedPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy engine's facts about a change set, for change-set policies ({@code
 * input.reachability}): every connection into a protected namespace from another namespace or from
 * addresses, with the rules that open it, so that policies judge paths without re-implementing
 * selector semantics.
 *
 * <pre>{"protected_label": "fleetgate.io/cde",
 *  "paths": [{"src", "dst", "src_namespace", "dst_namespace", "conn", "addresses", "cidrs",
 *             "admitted_by": [{"kind", "namespace", "name", "rule"}], "object": {kind, namespace, name}}],
 *  "problems": [{"object", "path", "line", "msg"}]}</pre>
 *
 * {@code object} is the first admitting NetworkPolicy, or the destination workload when its ingress
 * is not isolated. Objects the engine cannot read are {@code problems}; policies must fail closed
 * on them.
 */
final class ReachabilityFacts {

  private ReachabilityFacts() {}

  static Map<String, Object> of(List<RenderedObject> objects, Map<String, Object> params) {
    Object label = params.get("cde_label");
    String key = label instanceof String s ? s : ProtectedNamespaces.DEFAULT_LABEL;
    List<ManifestObject> manifests = new ArrayList<>(objects.size());
    for (RenderedObject object : objects) {
      manifests.add(new ManifestObject(object.content(), object.source()));
    }
    ModelRead read = ModelReader.read(manifests);
    List<Map<String, Object>> paths = new ArrayList<>();
    // Analysing costs as much as the connections it finds; without a protected namespace there
    // is no path to report, so a change set without one (most of them) is not analysed at all.
    boolean anyProtected =
        read.model().namespaces().stream().anyMatch(n -> "true".equals(n.labels().get(key)));
    if (anyProtected) {
      for (ProtectedPath path : ProtectedPath.of(NetworkAnalysis.of(read.model()), key, "true")) {
        paths.add(path(path));
      }
    }
    List<Map<String, Object>> problems = new ArrayList<>();
    for (ManifestProblem problem : read.problems()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("object", objectAt(objects, problem));
      p.put("path", problem.location().path());
      p.put("line", problem.location().line());
      p.put("msg", problem.message());
      problems.add(p);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("protected_label", key);
    facts.put("paths", paths);
    facts.put("problems", problems);
    return facts;
  }

  private static Map<String, Object> path(ProtectedPath path) {
    Endpoint src = path.connection().src();
    Endpoint.Pods dst = (Endpoint.Pods) path.connection().dst();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("src", src.name());
    p.put("dst", dst.name());
    p.put("src_namespace", src instanceof Endpoint.Pods pods ? pods.namespace() : "");
    p.put("dst_namespace", dst.namespace());
    p.put("conn", path.connection().conn().toString());
    p.put("addresses", src instanceof Endpoint.Addresses);
    p.put("cidrs", path.cidrs());
    List<Map<String, Object>> admitted = new ArrayList<>();
    for (Explanation.RuleMatch match : path.admittedBy()) {
      Map<String, Object> rule =
          ref("NetworkPolicy", match.policy().namespace(), match.policy().name());
      rule.put("rule", match.rule());
      admitted.add(rule);
    }
    p.put("admitted_by", admitted);
    p.put(
        "object",
        path.admittedBy().isEmpty()
            ? ref(dst.kind(), dst.namespace(), dst.workload())
            : ref(
                "NetworkPolicy",
                path.admittedBy().getFirst().policy().namespace(),
                path.admittedBy().getFirst().policy().name()));
    return p;
  }

  /** The object declared where the problem is, so that the finding lands on it. */
  private static Map<String, Object> objectAt(
      List<RenderedObject> objects, ManifestProblem problem) {
    for (RenderedObject object : objects) {
      if (object.source().equals(problem.location())) {
        return ref(object.ref().kind(), object.ref().namespace(), object.ref().name());
      }
    }
    return ref("", "", "");
  }

  private static Map<String, Object> ref(String kind, String namespace, String name) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("kind", kind);
    ref.put("namespace", namespace);
    ref.put("name", name);
    return ref;
  }
}
