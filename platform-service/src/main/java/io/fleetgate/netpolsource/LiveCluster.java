package io.fleetgate.netpolsource;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.kube.ClusterApi;
import io.fleetgate.kube.GroupVersionKind;
import io.fleetgate.kube.KubeObject;
import io.fleetgate.netpol.ManifestObject;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.ModelReader;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a live cluster's namespaces, workloads and NetworkPolicies: one list request per kind, in
 * every namespace. Kinds the server does not serve are skipped.
 */
public final class LiveCluster {

  private static final Gson GSON = new Gson();
  private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

  private static final List<GroupVersionKind> KINDS =
      List.of(
          GroupVersionKind.of("v1", "Namespace"),
          GroupVersionKind.of("v1", "Pod"),
          GroupVersionKind.of("v1", "ReplicationController"),
          GroupVersionKind.of("apps/v1", "Deployment"),
          GroupVersionKind.of("apps/v1", "ReplicaSet"),
          GroupVersionKind.of("apps/v1", "StatefulSet"),
          GroupVersionKind.of("apps/v1", "DaemonSet"),
          GroupVersionKind.of("batch/v1", "Job"),
          GroupVersionKind.of("batch/v1", "CronJob"),
          GroupVersionKind.of("networking.k8s.io/v1", "NetworkPolicy"));

  private LiveCluster() {}

  /**
   * @throws io.fleetgate.kube.KubeException when the cluster cannot be read
   */
  public static ModelRead read(ClusterApi cluster) {
    List<ManifestObject> objects = new ArrayList<>();
    for (GroupVersionKind kind : KINDS) {
      if (!cluster.serves(kind)) {
        continue;
      }
      for (KubeObject object : cluster.list(kind)) {
        Map<String, Object> content = GSON.fromJson(object.json(), MAP);
        // Lists return items without apiVersion and kind.
        content.put("apiVersion", kind.apiVersion());
        content.put("kind", kind.kind());
        String namespace = object.namespace();
        String where =
            cluster.server()
                + " "
                + kind.kind()
                + " "
                + (namespace == null ? "" : namespace + "/")
                + object.name();
        objects.add(new ManifestObject(content, SourceLocation.file(where)));
      }
    }
    return ModelReader.read(objects);
  }
}
