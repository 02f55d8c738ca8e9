# The three workload clusters of the example fleet (clusters/), one module block each. Applied,
# they declare the CAPI Clusters in the management cluster; the fleet_files output is what the
# fleet repository holds for them (<cluster>/cluster.yaml).

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

variable "declare_in_management_cluster" {
  description = "Apply the Clusters to the management cluster; false only renders the fleet repository's files."
  type        = bool
  default     = true
}

provider "kubectl" {
  config_path = var.kubeconfig
}

module "beijing_prod" {
  source = "../../modules/cluster"

  name          = "beijing-prod"
  provider_name = "alibaba"
  region        = "cn-beijing"
  env           = "prod"
  tier          = "payments"

  declare_in_management_cluster = var.declare_in_management_cluster
}

module "guangzhou_prod" {
  source = "../../modules/cluster"

  name          = "guangzhou-prod"
  provider_name = "vsphere"
  region        = "cn-guangzhou"
  env           = "prod"
  tier          = "payments"

  declare_in_management_cluster = var.declare_in_management_cluster
}

module "aws_cn_north_1_prod" {
  source = "../../modules/cluster"

  name          = "aws-cn-north-1-prod"
  provider_name = "aws"
  region        = "cn-north-1"
  env           = "prod"
  tier          = "general"

  declare_in_management_cluster = var.declare_in_management_cluster
}

output "fleet_files" {
  description = "The fleet repository's cluster declarations: path => content."
  value = {
    for m in [module.beijing_prod, module.guangzhou_prod, module.aws_cn_north_1_prod] :
    m.fleet_repo_path => m.cluster_yaml
  }
}
