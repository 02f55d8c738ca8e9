variable "namespace" {
  description = "Namespace Fleetgate runs in on the management cluster."
  type        = string
  default     = "fleetgate"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label: 1-63 lowercase letters, digits or '-'."
  }

  validation {
    condition     = !contains(["default", "kube-system", "kube-public", "kube-node-lease"], var.namespace)
    error_message = "namespace must be a namespace of Fleetgate's own, not default or a kube-* namespace: the module's NetworkPolicies and RBAC assume it holds nothing else."
  }
}

variable "create_namespace" {
  description = "Create the namespace (and delete it on destroy). False uses an existing one."
  type        = bool
  default     = true
}

variable "name" {
  description = "Name of the Deployment, Service, ServiceAccount and the other namespaced objects; the RBAC objects are named '<name>:<namespace>:…', since some live outside its namespace."
  type        = string
  default     = "fleetgate"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", var.name))
    error_message = "name must be a DNS label of at most 40 characters starting with a letter (it prefixes other names)."
  }
}

variable "image" {
  description = "The platform image (platform-service/Containerfile), pinned by tag or digest, e.g. registry.example.com/fleetgate/platform:0.1.0 or …@sha256:<64 hex>."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9._/:]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$", var.image))
    error_message = "image must be a registry path with a tag or an @sha256: digest, e.g. registry.example.com/fleetgate/platform:0.1.0."
  }

  validation {
    condition     = !endswith(var.image, ":latest")
    error_message = "image may not use the ':latest' tag: pin a version or a digest so every replica and restart runs the same code."
  }
}

variable "image_pull_policy" {
  description = "Pull policy of the image: IfNotPresent, Always or Never."
  type        = string
  default     = "IfNotPresent"

  validation {
    condition     = contains(["IfNotPresent", "Always", "Never"], var.image_pull_policy)
    error_message = "image_pull_policy must be IfNotPresent, Always or Never."
  }
}

variable "repository" {
  description = "The fleet config repository Fleetgate syncs from (fleetgate serve --repo): an https:// or ssh:// URL."
  type        = string

  validation {
    condition     = can(regex("^(https|ssh)://[^\\s]+$", var.repository))
    error_message = "repository must be an https:// or ssh:// URL; a local path means nothing inside the pod."
  }
}

variable "branch" {
  description = "Branch to sync; null follows the remote's default branch (its HEAD)."
  type        = string
  default     = null

  validation {
    condition     = var.branch == null || can(regex("^[A-Za-z0-9][A-Za-z0-9._/-]*$", var.branch))
    error_message = "branch must be a Git branch name (letters, digits, '.', '_', '/', '-')."
  }
}

variable "sync_interval" {
  description = "How often Fleetgate polls the repository (fleetgate serve --interval), e.g. 30s or 2m."
  type        = string
  default     = "30s"

  validation {
    condition     = can(regex("^[1-9][0-9]*(s|m|h)$", var.sync_interval))
    error_message = "sync_interval must be a whole number of seconds, minutes or hours, e.g. 30s, 2m or 1h."
  }
}

variable "full_check_every" {
  description = "How often every object is compared with the live clusters (fleetgate serve --full-check-every), e.g. 10m."
  type        = string
  default     = "10m"

  validation {
    condition     = can(regex("^[1-9][0-9]*(s|m|h)$", var.full_check_every))
    error_message = "full_check_every must be a whole number of seconds, minutes or hours, e.g. 10m."
  }
}

variable "cluster_namespaces" {
  description = "Namespaces of the management cluster that hold the CAPI Clusters and their <name>-kubeconfig Secrets; Fleetgate may read Secrets only there."
  type        = list(string)
  default     = ["fleet"]

  validation {
    condition     = length(var.cluster_namespaces) > 0 && alltrue([for n in var.cluster_namespaces : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", n))])
    error_message = "cluster_namespaces must list at least one namespace, each a DNS label."
  }

  validation {
    condition     = length(distinct(var.cluster_namespaces)) == length(var.cluster_namespaces)
    error_message = "cluster_namespaces lists a namespace twice."
  }
}

variable "known_clusters" {
  description = <<-EOT
    The clusters Fleetgate may read kubeconfigs of, as "namespace/name". When set, its Roles name
    each <name>-kubeconfig Secret (RBAC resourceNames), so it cannot read Cluster API's other
    Secrets (<name>-ca, <name>-etcd, <name>-sa …) beside them; a cluster added later needs a new
    apply. Null lets it read any Secret of cluster_namespaces by name (never list or watch them).
  EOT
  type        = list(string)
  default     = null

  validation {
    condition = var.known_clusters == null || alltrue([for c in var.known_clusters :
    can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", c))])
    error_message = "Each known_clusters entry must be \"namespace/name\", e.g. fleet/beijing-prod."
  }

  validation {
    condition = var.known_clusters == null || alltrue([for c in var.known_clusters :
    contains(var.cluster_namespaces, split("/", c)[0])])
    error_message = "Each known_clusters entry must be in one of cluster_namespaces."
  }
}

variable "webhook_secret" {
  description = "An existing Secret in the namespace holding the push webhooks' shared secret (name and data key). Null refuses webhooks; Fleetgate then only polls."
  type = object({
    name = string
    key  = optional(string, "secret")
  })
  default = null

  validation {
    condition     = var.webhook_secret == null || can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.webhook_secret.name))
    error_message = "webhook_secret.name must be a Secret name: lowercase letters, digits, '-' or '.'."
  }
}

variable "api_token_secret" {
  description = "An existing Secret in the namespace holding a platform API token (fgt_ and 43 base64url characters) that Fleetgate accepts with the given role while it runs (name, data key, role). Null: tokens are created with `fleetgate token create` in the pod."
  type = object({
    name = string
    key  = optional(string, "token")
    role = optional(string, "viewer")
  })
  default = null

  validation {
    condition     = var.api_token_secret == null || can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.api_token_secret.name))
    error_message = "api_token_secret.name must be a Secret name: lowercase letters, digits, '-' or '.'."
  }

  validation {
    condition     = var.api_token_secret == null || contains(["viewer", "operator", "admin"], try(var.api_token_secret.role, ""))
    error_message = "api_token_secret.role must be viewer, operator or admin."
  }
}

variable "git_token_secret" {
  description = "An existing Secret in the namespace holding an access token for an https:// repository (name and data key). Null reads the repository without credentials."
  type = object({
    name = string
    key  = optional(string, "token")
  })
  default = null

  validation {
    condition     = var.git_token_secret == null || can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.git_token_secret.name))
    error_message = "git_token_secret.name must be a Secret name: lowercase letters, digits, '-' or '.'."
  }
}

variable "resources" {
  description = "CPU and memory requests and limits of the platform container."
  type = object({
    requests = object({ cpu = string, memory = string })
    limits   = object({ cpu = string, memory = string })
  })
  default = {
    requests = { cpu = "500m", memory = "1Gi" }
    limits   = { cpu = "2", memory = "2Gi" }
  }

  validation {
    condition = alltrue([for q in [var.resources.requests.cpu, var.resources.limits.cpu] :
    can(regex("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$", q))])
    error_message = "CPU quantities must look like 500m or 2."
  }

  validation {
    condition = alltrue([for q in [var.resources.requests.memory, var.resources.limits.memory] :
    can(regex("^[0-9]+(Mi|Gi)$", q))])
    error_message = "Memory quantities must be whole Mi or Gi, e.g. 1Gi or 1536Mi."
  }

  validation {
    condition     = can(regex("^[0-9]+Gi$", var.resources.limits.memory)) ? tonumber(trimsuffix(var.resources.limits.memory, "Gi")) >= 1 : tonumber(trimsuffix(var.resources.limits.memory, "Mi")) >= 768
    error_message = "The memory limit must be at least 768Mi: the JVM, the policy engine and the Git working copies need it."
  }
}

variable "storage_size" {
  description = "Size of the data volume (database, audit chain, Git working copies), e.g. 10Gi."
  type        = string
  default     = "10Gi"

  validation {
    condition     = can(regex("^[1-9][0-9]*(Gi|Ti)$", var.storage_size))
    error_message = "storage_size must be a whole number of Gi or Ti, e.g. 10Gi."
  }
}

variable "storage_class_name" {
  description = "StorageClass of the data volume; null uses the cluster's default."
  type        = string
  default     = null
}

variable "api_port" {
  description = "Port of the platform API (REST, SSE, webhooks, /healthz, /readyz, /metrics) in the pod and on the Service."
  type        = number
  default     = 8742

  validation {
    condition     = var.api_port >= 1024 && var.api_port <= 65535 && floor(var.api_port) == var.api_port
    error_message = "api_port must be a whole number from 1024 to 65535 (the container does not run as root)."
  }
}

variable "api_clients" {
  description = "Who may reach the API through the NetworkPolicy: namespaces (by name) and CIDRs, e.g. the ingress controller's namespace and the admins' network. Empty lets nobody in but the kubelet's probes."
  type = object({
    namespaces = optional(list(string), [])
    cidrs      = optional(list(string), [])
  })
  default = {}

  validation {
    condition     = alltrue([for c in var.api_clients.cidrs : can(cidrhost(c, 0))])
    error_message = "api_clients.cidrs must be CIDRs, e.g. 10.20.0.0/16."
  }
}

variable "egress" {
  description = <<-EOT
    Where the platform may connect besides DNS: the management API server (its endpoint addresses,
    not the kubernetes Service IP, since NetworkPolicies see the translated address), the workload
    clusters' API servers, and the Git host. Each entry: a description, CIDRs and TCP ports.
  EOT
  type = list(object({
    description = string
    cidrs       = list(string)
    ports       = list(number)
  }))

  validation {
    condition     = length(var.egress) > 0
    error_message = "egress must allow at least the management API server; without it Fleetgate cannot discover a single cluster."
  }

  validation {
    condition = alltrue(flatten([for e in var.egress : concat(
      [length(e.cidrs) > 0, length(e.ports) > 0],
      [for c in e.cidrs : can(cidrhost(c, 0))],
      [for p in e.ports : p >= 1 && p <= 65535 && floor(p) == p],
    )]))
    error_message = "Each egress entry needs at least one CIDR (e.g. 10.0.0.0/24) and one TCP port from 1 to 65535."
  }
}

variable "dns" {
  description = "Where cluster DNS runs, for the egress NetworkPolicy: its namespace and pod labels."
  type = object({
    namespace = optional(string, "kube-system")
    labels    = optional(map(string), { "k8s-app" = "kube-dns" })
  })
  default = {}
}

variable "labels" {
  description = "Extra labels on every object the module creates."
  type        = map(string)
  default     = {}

  validation {
    condition     = !contains(keys(var.labels), "app.kubernetes.io/name") && !contains(keys(var.labels), "app.kubernetes.io/instance")
    error_message = "labels may not set app.kubernetes.io/name or app.kubernetes.io/instance: the Service and NetworkPolicies select the pods by them."
  }
}

variable "wait_for_rollout" {
  description = "Wait for the Deployment's rollout to finish on apply. False returns once the objects are accepted (e.g. on a management cluster without a scheduler, such as the sandbox fleet)."
  type        = bool
  default     = true
}
