package io.fleetgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fleet repository of one cluster and one bundle of N Deployments, one file each, that pass every
 * built-in policy except that every tenth has a container without {@code resources.limits.memory}.
 * The same files are what conftest checks, with {@link #CONFTEST_RULE} as its only rule.
 */
final class GeneratedFleet {

  /** The built-in policy the generated objects break, and the finding conftest's rule matches. */
  static final String POLICY = "resource_limits";

  /** One conftest rule equivalent to the part of {@code resource_limits} the objects break. */
  static final String CONFTEST_RULE =
      """
      package main

      deny contains msg if {
      \tinput.kind == "Deployment"
      \tsome container in input.spec.template.spec.containers
      \tnot container.resources.limits.memory
      \tmsg := sprintf("Deployment %s/%s: container %q has no resources.limits.memory", [input.metadata.namespace, input.metadata.name, container.name])
      }
      """;

  final Path root;
  final Path bundle;
  final int deployments;

  private GeneratedFleet(Path root, int deployments) {
    this.root = root;
    this.bundle = root.resolve("bundles/apps");
    this.deployments = deployments;
  }

  /** Whether the i-th Deployment (from 0) lacks its memory limit. */
  static boolean broken(int i) {
    return i % 10 == 9;
  }

  static String file(int i) {
    return "bundles/apps/deployment-%04d.yaml".formatted(i);
  }

  static GeneratedFleet write(Path root, int deployments) throws IOException {
    GeneratedFleet fleet = new GeneratedFleet(root, deployments);
    Files.createDirectories(fleet.bundle);
    Files.createDirectories(root.resolve("bench"));
    Files.writeString(
        root.resolve("fleet.yaml"),
        """
        apiVersion: fleetgate.io/v1alpha1
        kind: Fleet
        metadata:
          name: generated
        spec:
          bundles:
            - name: apps
              path: bundles/apps
              clusterSelector: {}
          policy:
            parameters:
              - clusterSelector: {}
                values:
                  allowed_registries: [registry.fleetgate.io]
          clusterOverlays: false
        """);
    Files.writeString(
        root.resolve("bench/cluster.yaml"),
        """
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: Cluster
        metadata:
          name: bench
          namespace: fleet
          labels:
            provider: aws
            region: cn-north-1
            env: prod
            tier: apps
        spec:
          infrastructureRef:
            apiGroup: infrastructure.cluster.x-k8s.io
            kind: AWSCluster
            name: bench
        """);
    Files.writeString(
        fleet.bundle.resolve("namespace.yaml"),
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: apps
          labels:
            fleetgate.io/owner: apps-team
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: apps
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        """);
    for (int i = 0; i < deployments; i++) {
      Files.writeString(root.resolve(file(i)), deployment(i));
    }
    return fleet;
  }

  private static String deployment(int i) {
    String name = "app-%04d".formatted(i);
    String limits = broken(i) ? "" : "\n            limits:\n              memory: 512Mi";
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %1$s
          namespace: apps
          labels:
            app.kubernetes.io/name: %1$s
            app.kubernetes.io/part-of: apps
            fleetgate.io/owner: apps-team
        spec:
          replicas: 2
          selector:
            matchLabels:
              app.kubernetes.io/name: %1$s
          template:
            metadata:
              labels:
                app.kubernetes.io/name: %1$s
                app.kubernetes.io/part-of: apps
            spec:
              automountServiceAccountToken: false
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: app
                  image: registry.fleetgate.io/apps/%1$s:1.%2$d.0
                  ports:
                    - name: http
                      containerPort: 8080
                  env:
                    - name: INSTANCE
                      value: "%2$d"
                    - name: LOG_LEVEL
                      value: info
                  resources:
                    requests:
                      cpu: 100m
                      memory: 128Mi%3$s
                  securityContext:
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    capabilities:
                      drop: [ALL]
                  readinessProbe:
                    httpGet:
                      path: /healthz
                      port: http
        """
        .formatted(name, i, limits);
  }
}
