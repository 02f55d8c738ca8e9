output "name" {
  description = "The cluster's name."
  value       = var.name
}

output "labels" {
  description = "The labels Fleetgate selects the cluster by (provider, region, env, tier, cluster.x-k8s.io/provider and any extra)."
  value       = local.labels
}

output "manifest" {
  description = "The CAPI Cluster object, as a value."
  value       = local.cluster
}

output "fleet_repo_path" {
  description = "Where the cluster's declaration belongs in the fleet repository."
  value       = "${var.name}/cluster.yaml"
}

output "cluster_yaml" {
  description = "The fleet repository file the cluster implies (<name>/cluster.yaml): the CAPI Cluster as YAML."
  value       = yamlencode(local.cluster)
}
