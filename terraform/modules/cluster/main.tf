locals {
  # Cluster API's infrastructure kind and provider label for each cloud Fleetgate targets.
  infrastructure = {
    aws       = { kind = "AWSCluster", provider_label = "infrastructure-aws" }
    azure     = { kind = "AzureCluster", provider_label = "infrastructure-azure" }
    alibaba   = { kind = "AlibabaCloudCluster", provider_label = "infrastructure-alibaba" }
    vsphere   = { kind = "VSphereCluster", provider_label = "infrastructure-vsphere" }
    openstack = { kind = "OpenStackCluster", provider_label = "infrastructure-openstack" }
  }

  labels = merge(var.labels, {
    provider                    = var.provider_name
    region                      = var.region
    env                         = var.env
    tier                        = var.tier
    "cluster.x-k8s.io/provider" = local.infrastructure[var.provider_name].provider_label
  })

  topology_spec = var.topology == null ? null : {
    topology = merge(
      {
        classRef = merge(
          { name = var.topology.class },
          var.topology.class_namespace == null ? {} : { namespace = var.topology.class_namespace },
        )
        version      = var.topology.version
        controlPlane = { replicas = var.topology.control_plane_replicas }
      },
      length(var.topology.workers) == 0 ? {} : {
        workers = {
          machineDeployments = [for w in var.topology.workers : {
            class    = w.class
            name     = w.name
            replicas = w.replicas
          }]
        }
      },
    )
  }

  infrastructure_spec = {
    infrastructureRef = {
      apiGroup = "infrastructure.cluster.x-k8s.io"
      kind     = local.infrastructure[var.provider_name].kind
      name     = coalesce(var.infrastructure_name, var.name)
    }
  }

  cluster = {
    apiVersion = "cluster.x-k8s.io/v1beta2"
    kind       = "Cluster"
    metadata = {
      name      = var.name
      namespace = var.namespace
      labels    = local.labels
    }
    # Either the ClusterClass topology or the infrastructure reference, never both.
    spec = { infrastructure = local.infrastructure_spec, topology = local.topology_spec }[var.topology == null ? "infrastructure" : "topology"]
  }
}

resource "kubectl_manifest" "cluster" {
  count = var.declare_in_management_cluster ? 1 : 0

  yaml_body         = yamlencode(local.cluster)
  server_side_apply = true
}
