/**
 * Judges the health of live objects by kind — Deployment, StatefulSet and DaemonSet rollouts, Jobs,
 * PersistentVolumeClaims, LoadBalancer Services, CRDs, Namespaces, and any object's {@code Ready}
 * condition — from their status alone (pure logic, no I/O).
 */
package io.fleetgate.health;
