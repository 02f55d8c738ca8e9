variable "name" {
  description = "Name of the workload cluster: the CAPI Cluster's name and the fleet repository's directory (<name>/cluster.yaml)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.name))
    error_message = "name must be a DNS label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit (e.g. beijing-prod)."
  }
}

variable "namespace" {
  description = "Namespace of the management cluster that holds the CAPI Cluster (and, once Cluster API writes it, its <name>-kubeconfig Secret)."
  type        = string
  default     = "fleet"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label: 1-63 lowercase letters, digits or '-'."
  }
}

variable "provider_name" {
  description = "Infrastructure the cluster runs on: aws, azure, alibaba (Alibaba Cloud), vsphere or openstack. Sets the 'provider' label and the Cluster API infrastructure kind."
  type        = string

  validation {
    condition     = contains(["aws", "azure", "alibaba", "vsphere", "openstack"], var.provider_name)
    error_message = "provider_name must be one of aws, azure, alibaba, vsphere, openstack."
  }
}

variable "region" {
  description = "Region label Fleetgate targets, as the provider names it (e.g. cn-north-1, cn-beijing, westeurope)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.region))
    error_message = "region must be a lowercase label value: letters, digits and '-', at most 63 characters (e.g. cn-north-1)."
  }
}

variable "env" {
  description = "Environment label Fleetgate targets: prod, staging, dev or test."
  type        = string

  validation {
    condition     = contains(["prod", "staging", "dev", "test"], var.env)
    error_message = "env must be one of prod, staging, dev, test."
  }
}

variable "tier" {
  description = "Tier label Fleetgate targets (e.g. general, payments); bundles select clusters by it."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.tier))
    error_message = "tier must be a lowercase label value: letters, digits and '-', at most 63 characters (e.g. payments)."
  }
}

variable "labels" {
  description = "Further labels on the Cluster. They may not set provider, region, env, tier or cluster.x-k8s.io/provider, which the module owns."
  type        = map(string)
  default     = {}

  validation {
    condition     = length(setintersection(keys(var.labels), ["provider", "region", "env", "tier", "cluster.x-k8s.io/provider"])) == 0
    error_message = "labels may not set provider, region, env, tier or cluster.x-k8s.io/provider; use the variables of the same name."
  }

  validation {
    condition = alltrue([for k, v in var.labels :
      can(regex("^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", k)) &&
    can(regex("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$", v))])
    error_message = "Each label must have a Kubernetes label key ([prefix/]name) and a value of at most 63 letters, digits, '-', '_' or '.'."
  }
}

variable "topology" {
  description = <<-EOT
    ClusterClass topology: the ClusterClass (class, in the Cluster's namespace unless class_namespace
    is set), the Kubernetes version, the control-plane replicas and one entry per worker
    MachineDeployment. Null declares the cluster by its infrastructure object instead
    (spec.infrastructureRef to the provider's <Provider>Cluster named infrastructure_name).
  EOT
  type = object({
    class                  = string
    class_namespace        = optional(string)
    version                = string
    control_plane_replicas = number
    workers = list(object({
      name     = string
      class    = string
      replicas = number
    }))
  })
  default = null

  validation {
    condition     = var.topology == null || can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.topology.class))
    error_message = "topology.class must name a ClusterClass: lowercase letters, digits, '-' or '.'."
  }

  validation {
    condition     = var.topology == null || can(regex("^v[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]+)?$", var.topology.version))
    error_message = "topology.version must be a Kubernetes version with its leading v, e.g. v1.34.4."
  }

  validation {
    condition     = var.topology == null || contains([1, 3, 5, 7], var.topology.control_plane_replicas)
    error_message = "topology.control_plane_replicas must be 1, 3, 5 or 7: etcd needs an odd number of members to keep quorum."
  }

  validation {
    condition = var.topology == null || alltrue([for w in var.topology.workers :
    w.replicas >= 0 && floor(w.replicas) == w.replicas && can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", w.name))])
    error_message = "Each topology.workers entry needs a DNS-label name and a whole number of replicas, 0 or more."
  }

  validation {
    condition     = var.topology == null || length(distinct([for w in var.topology.workers : w.name])) == length(var.topology.workers)
    error_message = "topology.workers names must be unique within the cluster."
  }
}

variable "infrastructure_name" {
  description = "Name of the provider's infrastructure object (e.g. the AWSCluster) when topology is null. Defaults to the cluster's name."
  type        = string
  default     = null

  validation {
    condition     = var.infrastructure_name == null || can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.infrastructure_name))
    error_message = "infrastructure_name must be a Kubernetes object name: lowercase letters, digits, '-' or '.'."
  }
}

variable "declare_in_management_cluster" {
  description = "Apply the Cluster to the management cluster the kubectl provider reaches. False only renders it (the cluster_yaml output), e.g. to write the fleet repository."
  type        = bool
  default     = true
}
