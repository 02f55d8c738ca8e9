output "namespace" {
  description = "Namespace Fleetgate runs in."
  value       = var.namespace
}

output "service_account" {
  description = "Fleetgate's service account, as RBAC subjects and 'kubectl auth can-i --as' name it."
  value       = "system:serviceaccount:${var.namespace}:${var.name}"
}

output "service" {
  description = "In-cluster address of the platform API."
  value       = "http://${var.name}.${var.namespace}.svc:${var.api_port}"
}

output "health_urls" {
  description = "The liveness and readiness endpoints the probes use."
  value = {
    healthz = "http://${var.name}.${var.namespace}.svc:${var.api_port}/healthz"
    readyz  = "http://${var.name}.${var.namespace}.svc:${var.api_port}/readyz"
  }
}

output "objects" {
  description = "Every object the module manages, as \"kind namespace/name\" (namespace empty for cluster-scoped ones)."
  value = concat(
    var.create_namespace ? ["Namespace /${var.namespace}"] : [],
    [for o in values(local.objects) : "${o.kind} ${try(o.metadata.namespace, "")}/${o.metadata.name}"],
  )
}

output "args" {
  description = "The command line the container runs (after the image's entrypoint)."
  value       = local.args
}
