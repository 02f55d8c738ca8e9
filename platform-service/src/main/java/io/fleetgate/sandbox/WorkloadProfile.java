package io.fleetgate.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one sandbox workload cluster presents itself: its name and the Cluster API labels bundles
 * select on. The first three mirror the example fleet in {@code clusters/}.
 */
public record WorkloadProfile(
    String name,
    String provider,
    String region,
    String env,
    String tier,
    String infrastructureKind) {

  private static final List<WorkloadProfile> EXAMPLE_FLEET =
      List.of(
          new WorkloadProfile(
              "beijing-prod", "alibaba", "cn-beijing", "prod", "payments", "AlibabaCloudCluster"),
          new WorkloadProfile(
              "guangzhou-prod", "vsphere", "cn-guangzhou", "prod", "payments", "VSphereCluster"),
          new WorkloadProfile(
              "aws-cn-north-1-prod", "aws", "cn-north-1", "prod", "general", "AWSCluster"));

  /** The first {@code count} profiles: the example fleet, then {@code edge-NN} clusters. */
  public static List<WorkloadProfile> fleetOf(int count) {
    if (count < 1) {
      throw new SandboxException(
          "A sandbox fleet needs at least one workload cluster, not " + count);
    }
    List<WorkloadProfile> profiles = new ArrayList<>(EXAMPLE_FLEET.subList(0, Math.min(count, 3)));
    for (int i = 4; i <= count; i++) {
      profiles.add(
          new WorkloadProfile(
              String.format("edge-%02d", i),
              "onprem",
              "edge-site-" + i,
              "staging",
              "general",
              "MetalCluster"));
    }
    return profiles;
  }

  /** The labels put on the Cluster API {@code Cluster}. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("provider", provider);
    labels.put("region", region);
    labels.put("env", env);
    labels.put("tier", tier);
    labels.put("cluster.x-k8s.io/provider", "infrastructure-" + provider);
    return labels;
  }
}
