# Fleetgate on a management cluster: namespace, least-privilege RBAC, the Deployment with its data
# volume, probes and secrets, the Service and the NetworkPolicies.

terraform {
  required_version = ">= 1.8.0"

  required_providers {
    kubectl = {
      source  = "gavinbunney/kubectl"
      version = "~> 1.19"
    }
  }
}

variable "kubeconfig" {
  description = "Kubeconfig file of the management cluster; null uses the provider's default (KUBECONFIG or ~/.kube/config)."
  type        = string
  default     = null
}

variable "namespace" {
  description = "Namespace to install Fleetgate in."
  type        = string
  default     = "fleetgate"
}

variable "image" {
  description = "The platform image (platform-service/Containerfile), pinned."
  type        = string
  default     = "registry.example.com/fleetgate/platform:0.1.0"
}

variable "repository" {
  description = "The fleet config repository."
  type        = string
  default     = "https://git.example.com/platform/fleet.git"
}

variable "known_clusters" {
  description = "The clusters whose kubeconfig Secrets Fleetgate may read, as namespace/name; null: any Secret of the cluster namespaces, by name."
  type        = list(string)
  default     = ["fleet/beijing-prod", "fleet/guangzhou-prod", "fleet/aws-cn-north-1-prod"]
}

variable "egress" {
  description = "Where Fleetgate may connect besides DNS (see the module's variable)."
  type = list(object({
    description = string
    cidrs       = list(string)
    ports       = list(number)
  }))
  default = [
    { description = "management API server", cidrs = ["10.0.0.1/32"], ports = [6443] },
    { description = "workload API servers", cidrs = ["10.40.0.0/16"], ports = [6443] },
    { description = "Git host", cidrs = ["192.0.2.10/32"], ports = [443] },
  ]
}

variable "wait_for_rollout" {
  description = "Wait for the Deployment's rollout."
  type        = bool
  default     = true
}

provider "kubectl" {
  config_path = var.kubeconfig
}

module "fleetgate" {
  source = "../../modules/platform"

  namespace          = var.namespace
  image              = var.image
  repository         = var.repository
  cluster_namespaces = ["fleet"]
  known_clusters     = var.known_clusters
  webhook_secret     = { name = "fleetgate-webhook" }
  git_token_secret   = { name = "fleetgate-git" }
  api_clients        = { namespaces = ["ingress-nginx"] }
  egress             = var.egress
  wait_for_rollout   = var.wait_for_rollout
}

output "service_account" {
  description = "Fleetgate's service account."
  value       = module.fleetgate.service_account
}

output "objects" {
  description = "Every object the module manages."
  value       = module.fleetgate.objects
}

output "service" {
  description = "In-cluster address of the platform API."
  value       = module.fleetgate.service
}
