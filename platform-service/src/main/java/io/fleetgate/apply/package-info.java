/**
 * Applies rendered objects to one cluster with server-side apply (field manager {@code fleetgate}):
 * CRDs, then Namespaces, then RBAC, then the rest; skips objects whose content hash is unchanged
 * since Fleetgate last applied them; prunes, in reverse order, only what its inventory says it
 * applied and what is not protected by {@code fleetgate.io/prune: disabled}.
 */
package io.fleetgate.apply;
