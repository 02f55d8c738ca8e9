locals {
  selector = {
    "app.kubernetes.io/name"     = "fleetgate"
    "app.kubernetes.io/instance" = var.name
  }
  labels = merge(var.labels, local.selector, {
    "app.kubernetes.io/component"  = "platform"
    "app.kubernetes.io/managed-by" = "opentofu"
  })

  # Cluster-scoped names carry the namespace, so two installations never share one.
  cluster_scoped = "${var.name}:${var.namespace}"

  data_mount       = "/var/lib/fleetgate"
  kubeconfig_mount = "/etc/fleetgate/management"
  webhook_mount    = "/etc/fleetgate/webhook"
  api_token_mount  = "/etc/fleetgate/api-token"
  git_token_mount  = "/etc/fleetgate/git"
  token_dir        = "/var/run/secrets/kubernetes.io/serviceaccount"

  # The kubeconfig 'fleetgate serve --management-kubeconfig' reads: the in-cluster API server and
  # the pod's own service account token and CA. It holds file paths only, no credential.
  management_kubeconfig = {
    apiVersion        = "v1"
    kind              = "Config"
    "current-context" = "management"
    clusters = [{
      name = "management"
      cluster = {
        server                  = "https://kubernetes.default.svc"
        "certificate-authority" = "${local.token_dir}/ca.crt"
      }
    }]
    users = [{
      name = var.name
      user = { tokenFile = "${local.token_dir}/token" }
    }]
    contexts = [{
      name    = "management"
      context = { cluster = "management", user = var.name }
    }]
  }

  # Who may read which Secrets: with known_clusters, only the kubeconfig Secret of each cluster,
  # and no Role at all in a namespace without one (an empty resourceNames would mean every name).
  kubeconfig_secrets = {
    for ns in var.cluster_namespaces : ns => (
      var.known_clusters == null ? null : [
        for c in var.known_clusters : "${split("/", c)[1]}-kubeconfig" if split("/", c)[0] == ns
      ]
    )
  }
  secret_readers = {
    for ns, names in local.kubeconfig_secrets : ns => names if length(names == null ? ["any"] : names) > 0
  }

  args = concat(
    [
      "serve",
      "--repo", var.repository,
      "--management-kubeconfig", "${local.kubeconfig_mount}/kubeconfig",
      "--data-dir", "${local.data_mount}/data",
      "--host", "0.0.0.0",
      "--port", tostring(var.api_port),
      "--interval", var.sync_interval,
      "--full-check-every", var.full_check_every,
    ],
    var.branch == null ? [] : ["--branch", var.branch],
    var.webhook_secret == null ? [] : ["--webhook-secret-file", "${local.webhook_mount}/${var.webhook_secret.key}"],
    var.git_token_secret == null ? [] : ["--git-token-file", "${local.git_token_mount}/${var.git_token_secret.key}"],
    var.api_token_secret == null ? [] : ["--api-token-file", "${var.api_token_secret.role}=${local.api_token_mount}/${var.api_token_secret.key}"],
  )

  secret_volumes = concat(
    var.webhook_secret == null ? [] : [{
      name   = "webhook-secret"
      secret = { secretName = var.webhook_secret.name, defaultMode = 256 }
    }],
    var.git_token_secret == null ? [] : [{
      name   = "git-token"
      secret = { secretName = var.git_token_secret.name, defaultMode = 256 }
    }],
    var.api_token_secret == null ? [] : [{
      name   = "api-token"
      secret = { secretName = var.api_token_secret.name, defaultMode = 256 }
    }],
  )
  secret_mounts = concat(
    var.webhook_secret == null ? [] : [{ name = "webhook-secret", mountPath = local.webhook_mount, readOnly = true }],
    var.git_token_secret == null ? [] : [{ name = "git-token", mountPath = local.git_token_mount, readOnly = true }],
    var.api_token_secret == null ? [] : [{ name = "api-token", mountPath = local.api_token_mount, readOnly = true }],
  )

  probe = {
    httpGet        = { path = "/healthz", port = "api" }
    timeoutSeconds = 3
  }

  namespace = {
    apiVersion = "v1"
    kind       = "Namespace"
    metadata   = { name = var.namespace, labels = local.labels }
  }

  objects = merge(
    {
      service_account = {
        apiVersion = "v1"
        kind       = "ServiceAccount"
        metadata   = { name = var.name, namespace = var.namespace, labels = local.labels }
      }

      kubeconfig = {
        apiVersion = "v1"
        kind       = "ConfigMap"
        metadata   = { name = "${var.name}-management-kubeconfig", namespace = var.namespace, labels = local.labels }
        data       = { kubeconfig = yamlencode(local.management_kubeconfig) }
      }

      # Discovery lists every CAPI Cluster in every namespace (CapiClusterDirectory.discover).
      cluster_reader = {
        apiVersion = "rbac.authorization.k8s.io/v1"
        kind       = "ClusterRole"
        metadata   = { name = "${local.cluster_scoped}:cluster-reader", labels = local.labels }
        rules = [{
          apiGroups = ["cluster.x-k8s.io"]
          resources = ["clusters"]
          verbs     = ["list"]
        }]
      }

      cluster_reader_binding = {
        apiVersion = "rbac.authorization.k8s.io/v1"
        kind       = "ClusterRoleBinding"
        metadata   = { name = "${local.cluster_scoped}:cluster-reader", labels = local.labels }
        roleRef    = { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name = "${local.cluster_scoped}:cluster-reader" }
        subjects   = [{ kind = "ServiceAccount", name = var.name, namespace = var.namespace }]
      }

      data_volume = {
        apiVersion = "v1"
        kind       = "PersistentVolumeClaim"
        metadata   = { name = "${var.name}-data", namespace = var.namespace, labels = local.labels }
        spec = merge(
          {
            accessModes = ["ReadWriteOnce"]
            resources   = { requests = { storage = var.storage_size } }
          },
          var.storage_class_name == null ? {} : { storageClassName = var.storage_class_name },
        )
      }

      service = {
        apiVersion = "v1"
        kind       = "Service"
        metadata   = { name = var.name, namespace = var.namespace, labels = local.labels }
        spec = {
          type     = "ClusterIP"
          selector = local.selector
          ports    = [{ name = "api", port = var.api_port, targetPort = "api", protocol = "TCP" }]
        }
      }

      # Every connection of the pods is refused unless a policy below allows it.
      default_deny = {
        apiVersion = "networking.k8s.io/v1"
        kind       = "NetworkPolicy"
        metadata   = { name = "${var.name}-default-deny", namespace = var.namespace, labels = local.labels }
        spec = {
          podSelector = { matchLabels = local.selector }
          policyTypes = ["Ingress", "Egress"]
        }
      }

      allow_egress = {
        apiVersion = "networking.k8s.io/v1"
        kind       = "NetworkPolicy"
        metadata   = { name = "${var.name}-allow-egress", namespace = var.namespace, labels = local.labels }
        spec = {
          podSelector = { matchLabels = local.selector }
          policyTypes = ["Egress"]
          egress = concat(
            [{
              to = [{
                namespaceSelector = { matchLabels = { "kubernetes.io/metadata.name" = var.dns.namespace } }
                podSelector       = { matchLabels = var.dns.labels }
              }]
              ports = [{ protocol = "UDP", port = 53 }, { protocol = "TCP", port = 53 }]
            }],
            [for e in var.egress : {
              to    = [for c in e.cidrs : { ipBlock = { cidr = c } }]
              ports = [for p in e.ports : { protocol = "TCP", port = p }]
            }],
          )
        }
      }

      deployment = {
        apiVersion = "apps/v1"
        kind       = "Deployment"
        metadata   = { name = var.name, namespace = var.namespace, labels = local.labels }
        spec = {
          # One replica: the audit chain has a single writer and the data volume is ReadWriteOnce.
          replicas = 1
          strategy = { type = "Recreate" }
          selector = { matchLabels = local.selector }
          template = {
            metadata = { labels = local.labels }
            spec = {
              serviceAccountName            = var.name
              automountServiceAccountToken  = true
              enableServiceLinks            = false
              terminationGracePeriodSeconds = 60
              securityContext = {
                runAsNonRoot        = true
                runAsUser           = 65532
                runAsGroup          = 65532
                fsGroup             = 65532
                fsGroupChangePolicy = "OnRootMismatch"
                seccompProfile      = { type = "RuntimeDefault" }
              }
              containers = [{
                name            = "platform"
                image           = var.image
                imagePullPolicy = var.image_pull_policy
                args            = local.args
                ports           = [{ name = "api", containerPort = var.api_port, protocol = "TCP" }]
                resources       = var.resources
                securityContext = {
                  allowPrivilegeEscalation = false
                  readOnlyRootFilesystem   = true
                  capabilities             = { drop = ["ALL"] }
                }
                startupProbe   = merge(local.probe, { periodSeconds = 5, failureThreshold = 60 })
                livenessProbe  = merge(local.probe, { periodSeconds = 10, failureThreshold = 3 })
                readinessProbe = merge(local.probe, { httpGet = { path = "/readyz", port = "api" }, periodSeconds = 5, failureThreshold = 2 })
                volumeMounts = concat(
                  [
                    { name = "data", mountPath = local.data_mount },
                    { name = "management-kubeconfig", mountPath = local.kubeconfig_mount, readOnly = true },
                    { name = "tmp", mountPath = "/tmp" },
                  ],
                  local.secret_mounts,
                )
              }]
              volumes = concat(
                [
                  { name = "data", persistentVolumeClaim = { claimName = "${var.name}-data" } },
                  { name = "management-kubeconfig", configMap = { name = "${var.name}-management-kubeconfig" } },
                  { name = "tmp", emptyDir = { sizeLimit = "1Gi" } },
                ],
                local.secret_volumes,
              )
            }
          }
        }
      }
    },
    length(var.api_clients.namespaces) + length(var.api_clients.cidrs) == 0 ? {} : {
      allow_api_ingress = {
        apiVersion = "networking.k8s.io/v1"
        kind       = "NetworkPolicy"
        metadata   = { name = "${var.name}-allow-api", namespace = var.namespace, labels = local.labels }
        spec = {
          podSelector = { matchLabels = local.selector }
          policyTypes = ["Ingress"]
          ingress = [{
            from = concat(
              [for n in var.api_clients.namespaces : { namespaceSelector = { matchLabels = { "kubernetes.io/metadata.name" = n } } }],
              [for c in var.api_clients.cidrs : { ipBlock = { cidr = c } }],
            )
            ports = [{ protocol = "TCP", port = var.api_port }]
          }]
        }
      }
    },
    # Each CAPI Cluster's kubeconfig Secret is read by name (get; never list or watch).
    merge([for ns, names in local.secret_readers : {
      "secret_reader/${ns}" = {
        apiVersion = "rbac.authorization.k8s.io/v1"
        kind       = "Role"
        metadata   = { name = "${local.cluster_scoped}:kubeconfig-reader", namespace = ns, labels = local.labels }
        rules = [merge(
          { apiGroups = [""], resources = ["secrets"], verbs = ["get"] },
          names == null ? {} : { resourceNames = names },
        )]
      }
      "secret_reader_binding/${ns}" = {
        apiVersion = "rbac.authorization.k8s.io/v1"
        kind       = "RoleBinding"
        metadata   = { name = "${local.cluster_scoped}:kubeconfig-reader", namespace = ns, labels = local.labels }
        roleRef    = { apiGroup = "rbac.authorization.k8s.io", kind = "Role", name = "${local.cluster_scoped}:kubeconfig-reader" }
        subjects   = [{ kind = "ServiceAccount", name = var.name, namespace = var.namespace }]
      }
    }]...),
  )
}

resource "kubectl_manifest" "namespace" {
  count = var.create_namespace ? 1 : 0

  yaml_body         = yamlencode(local.namespace)
  server_side_apply = true
}

resource "kubectl_manifest" "object" {
  for_each = local.objects

  yaml_body         = yamlencode(each.value)
  server_side_apply = true
  wait_for_rollout  = each.key == "deployment" ? var.wait_for_rollout : false

  depends_on = [kubectl_manifest.namespace]
}
