mock_provider "kubectl" {}

variables {
  namespace  = "fleetgate"
  image      = "registry.example.com/fleetgate/platform:0.1.0"
  repository = "https://git.example.com/platform/fleet.git"
  egress     = [{ description = "management API server", cidrs = ["10.0.0.1/32"], ports = [6443] }]
}

run "grants_only_what_discovery_calls" {
  command = plan

  variables {
    cluster_namespaces = ["fleet", "fleet-eu"]
  }

  assert {
    condition     = yamldecode(kubectl_manifest.object["cluster_reader"].yaml_body).rules == [{ apiGroups = ["cluster.x-k8s.io"], resources = ["clusters"], verbs = ["list"] }]
    error_message = "The ClusterRole may only list CAPI Clusters."
  }

  assert {
    condition = alltrue([for ns in ["fleet", "fleet-eu"] :
    yamldecode(kubectl_manifest.object["secret_reader/${ns}"].yaml_body).rules == [{ apiGroups = [""], resources = ["secrets"], verbs = ["get"] }]])
    error_message = "Each cluster namespace gets a Role that may only get Secrets."
  }

  assert {
    condition     = length([for k, o in kubectl_manifest.object : k if contains(["Role", "ClusterRole"], yamldecode(o.yaml_body).kind)]) == 3
    error_message = "One ClusterRole and one Role per cluster namespace, nothing else."
  }
}

run "names_each_kubeconfig_secret_when_the_clusters_are_known" {
  command = plan

  variables {
    cluster_namespaces = ["fleet", "empty"]
    known_clusters     = ["fleet/beijing-prod", "fleet/guangzhou-prod"]
  }

  assert {
    condition     = yamldecode(kubectl_manifest.object["secret_reader/fleet"].yaml_body).rules[0].resourceNames == ["beijing-prod-kubeconfig", "guangzhou-prod-kubeconfig"]
    error_message = "The Role names the two kubeconfig Secrets."
  }

  # An empty resourceNames would grant every Secret of the namespace.
  assert {
    condition     = !contains(keys(kubectl_manifest.object), "secret_reader/empty") && !contains(keys(kubectl_manifest.object), "secret_reader_binding/empty")
    error_message = "A namespace without a known cluster gets no Role at all."
  }
}

run "runs_serve_with_the_mounted_files" {
  command = plan

  variables {
    webhook_secret   = { name = "hooks" }
    git_token_secret = { name = "git", key = "pat" }
    api_token_secret = { name = "console-token", role = "viewer" }
  }

  assert {
    condition = output.args == [
      "serve",
      "--repo", "https://git.example.com/platform/fleet.git",
      "--management-kubeconfig", "/etc/fleetgate/management/kubeconfig",
      "--data-dir", "/var/lib/fleetgate/data",
      "--host", "0.0.0.0",
      "--port", "8742",
      "--interval", "30s",
      "--full-check-every", "10m",
      "--webhook-secret-file", "/etc/fleetgate/webhook/secret",
      "--git-token-file", "/etc/fleetgate/git/pat",
      "--api-token-file", "viewer=/etc/fleetgate/api-token/token",
    ]
    error_message = "Unexpected arguments: ${jsonencode(output.args)}."
  }

  assert {
    condition = [for v in yamldecode(kubectl_manifest.object["deployment"].yaml_body).spec.template.spec.volumes : v.name] == [
    "data", "management-kubeconfig", "tmp", "webhook-secret", "git-token", "api-token"]
    error_message = "The pod mounts the data volume, the kubeconfig, /tmp and the three Secrets."
  }

  assert {
    condition     = keys(yamldecode(kubectl_manifest.object["kubeconfig"].yaml_body).data) == ["kubeconfig"]
    error_message = "The ConfigMap's key is the file name --management-kubeconfig names."
  }
}

run "probes_healthz_and_readyz" {
  command = plan

  assert {
    condition = (
      yamldecode(kubectl_manifest.object["deployment"].yaml_body).spec.template.spec.containers[0].livenessProbe.httpGet.path == "/healthz" &&
      yamldecode(kubectl_manifest.object["deployment"].yaml_body).spec.template.spec.containers[0].readinessProbe.httpGet.path == "/readyz"
    )
    error_message = "Liveness on /healthz, readiness on /readyz."
  }
}

run "lets_nobody_reach_the_api_unless_asked" {
  command = plan

  assert {
    condition     = !contains(keys(kubectl_manifest.object), "allow_api_ingress")
    error_message = "Without api_clients only the default-deny policy covers ingress."
  }
}

run "admits_the_named_api_clients" {
  command = plan

  variables {
    api_clients = { namespaces = ["ingress-nginx"], cidrs = ["10.20.0.0/16"] }
  }

  assert {
    condition = yamldecode(kubectl_manifest.object["allow_api_ingress"].yaml_body).spec.ingress == [{
      from = [
        { namespaceSelector = { matchLabels = { "kubernetes.io/metadata.name" = "ingress-nginx" } } },
        { ipBlock = { cidr = "10.20.0.0/16" } },
      ]
      ports = [{ protocol = "TCP", port = 8742 }]
    }]
    error_message = "Only the named namespace and CIDR reach the API port."
  }
}

run "refuses_the_latest_tag" {
  command = plan

  variables {
    image = "registry.example.com/fleetgate/platform:latest"
  }

  expect_failures = [var.image]
}

run "refuses_an_image_without_tag_or_digest" {
  command = plan

  variables {
    image = "registry.example.com/fleetgate/platform"
  }

  expect_failures = [var.image]
}

run "refuses_a_local_repository_path" {
  command = plan

  variables {
    repository = "/srv/git/fleet"
  }

  expect_failures = [var.repository]
}

run "refuses_no_egress" {
  command = plan

  variables {
    egress = []
  }

  expect_failures = [var.egress]
}

run "refuses_a_malformed_egress_cidr" {
  command = plan

  variables {
    egress = [{ description = "api", cidrs = ["10.0.0.300/32"], ports = [6443] }]
  }

  expect_failures = [var.egress]
}

run "refuses_a_known_cluster_outside_the_cluster_namespaces" {
  command = plan

  variables {
    known_clusters = ["other/beijing-prod"]
  }

  expect_failures = [var.known_clusters]
}

run "refuses_kube_system" {
  command = plan

  variables {
    namespace = "kube-system"
  }

  expect_failures = [var.namespace]
}

run "refuses_an_api_token_role_that_does_not_exist" {
  command = plan

  variables {
    api_token_secret = { name = "console-token", role = "root" }
  }

  expect_failures = [var.api_token_secret]
}
