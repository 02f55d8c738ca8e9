package io.fleetgate.netpol.peer;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The namespaces (with their labels) and pods a scenario's policies act on. */
record ClusterModel(Map<String, Map<String, String>> namespaces, List<ModelPod> pods) {

  ClusterModel {
    for (ModelPod pod : pods) {
      if (!namespaces.containsKey(pod.ref().namespace())) {
        throw new IllegalArgumentException(
            "Pod " + pod.ref() + " is in a namespace the model does not declare");
      }
    }
    pods = pods.stream().sorted(Comparator.comparing(ModelPod::ref)).toList();
  }

  List<PodRef> refs() {
    return pods.stream().map(ModelPod::ref).toList();
  }
}
