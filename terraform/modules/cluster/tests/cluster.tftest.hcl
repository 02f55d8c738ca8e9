mock_provider "kubectl" {}

variables {
  name          = "westeurope-prod"
  provider_name = "azure"
  region        = "westeurope"
  env           = "prod"
  tier          = "general"
}

run "labels_a_cluster_the_way_bundles_select_it" {
  command = plan

  assert {
    condition = output.labels == {
      provider                    = "azure"
      region                      = "westeurope"
      env                         = "prod"
      tier                        = "general"
      "cluster.x-k8s.io/provider" = "infrastructure-azure"
    }
    error_message = "Unexpected labels: ${jsonencode(output.labels)}."
  }

  assert {
    condition     = output.manifest.spec.infrastructureRef == { apiGroup = "infrastructure.cluster.x-k8s.io", kind = "AzureCluster", name = "westeurope-prod" }
    error_message = "Without a topology the Cluster references the provider's AzureCluster of the same name."
  }

  assert {
    condition     = output.fleet_repo_path == "westeurope-prod/cluster.yaml" && jsonencode(yamldecode(output.cluster_yaml)) == jsonencode(output.manifest)
    error_message = "The fleet repository file is <name>/cluster.yaml holding the manifest."
  }

  assert {
    condition     = length(kubectl_manifest.cluster) == 1 && jsonencode(yamldecode(kubectl_manifest.cluster[0].yaml_body)) == jsonencode(output.manifest)
    error_message = "The Cluster applied to the management cluster is the one the fleet repository holds."
  }
}

run "declares_a_clusterclass_topology" {
  command = plan

  variables {
    provider_name = "openstack"
    region        = "regionone"
    topology = {
      class                  = "openstack-kubeadm"
      version                = "v1.34.4"
      control_plane_replicas = 3
      workers                = [{ name = "md-0", class = "default-worker", replicas = 5 }]
    }
  }

  assert {
    condition = output.manifest.spec == {
      topology = {
        classRef     = { name = "openstack-kubeadm" }
        version      = "v1.34.4"
        controlPlane = { replicas = 3 }
        workers      = { machineDeployments = [{ class = "default-worker", name = "md-0", replicas = 5 }] }
      }
    }
    error_message = "Unexpected topology: ${jsonencode(output.manifest.spec)}."
  }

  assert {
    condition     = output.labels["cluster.x-k8s.io/provider"] == "infrastructure-openstack"
    error_message = "An OpenStack cluster carries infrastructure-openstack."
  }
}

run "names_each_provider_s_infrastructure_kind" {
  command = plan

  variables {
    provider_name = "alibaba"
  }

  assert {
    condition     = output.manifest.spec.infrastructureRef.kind == "AlibabaCloudCluster"
    error_message = "Alibaba Cloud clusters are AlibabaCloudClusters."
  }
}

run "renders_only_when_asked_to" {
  command = plan

  variables {
    declare_in_management_cluster = false
  }

  assert {
    condition     = length(kubectl_manifest.cluster) == 0 && output.cluster_yaml != ""
    error_message = "Rendering only applies nothing and still outputs the file."
  }
}

run "refuses_an_unknown_provider" {
  command = plan

  variables {
    provider_name = "gcp"
  }

  expect_failures = [var.provider_name]
}

run "refuses_an_even_control_plane" {
  command = plan

  variables {
    topology = {
      class                  = "aws-kubeadm"
      version                = "v1.34.4"
      control_plane_replicas = 2
      workers                = []
    }
  }

  expect_failures = [var.topology]
}

run "refuses_a_version_without_its_v" {
  command = plan

  variables {
    topology = {
      class                  = "aws-kubeadm"
      version                = "1.34.4"
      control_plane_replicas = 3
      workers                = []
    }
  }

  expect_failures = [var.topology]
}

run "refuses_labels_that_would_retarget_the_cluster" {
  command = plan

  variables {
    labels = { tier = "payments" }
  }

  expect_failures = [var.labels]
}

run "refuses_a_name_that_is_no_dns_label" {
  command = plan

  variables {
    name = "Beijing_Prod"
  }

  expect_failures = [var.name]
}
