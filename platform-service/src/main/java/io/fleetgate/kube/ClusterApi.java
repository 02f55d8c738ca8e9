package io.fleetgate.kube;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.PatchOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generic reads and server-side applies against one API server, for objects of any kind.
 *
 * <p>Applies use field manager {@value #FIELD_MANAGER}, so Fleetgate owns exactly the fields it
 * sets and the server resolves the merge (server-side apply).
 */
public final class ClusterApi {

  public static final String FIELD_MANAGER = "fleetgate";

  private static final Gson GSON = new Gson();

  /** Default client-side limit per cluster: generous, so the server's fairness queues decide. */
  public static final double DEFAULT_QPS = 2_000;

  public static final int DEFAULT_BURST = 4_000;

  /**
   * How long a closed client lets the calls already in flight finish before it cancels them: a
   * server that answers does in this time, so their results are known and recorded; a frozen one
   * does not, and its calls fail.
   */
  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(2);

  private final ApiClient client;
  private final ResourceMapper mapper;
  private final RateLimiter limiter;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closed;

  /** The failure of a call made, or retried, after the client was closed. */
  static final class Closed extends java.io.IOException {
    Closed(String server) {
      super("the client for " + server + " is closed: its reconcile was cut off");
    }
  }

  public ClusterApi(ApiClient client) {
    this(client, new RateLimiter(DEFAULT_QPS, DEFAULT_BURST));
  }

  /**
   * @param limiter the client-side limit all requests to this cluster share
   */
  public ClusterApi(ApiClient client, RateLimiter limiter) {
    this.client = client;
    // Every request, from this class or any helper sharing the client, is admitted here.
    client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(this::admit).build());
    this.mapper = new ResourceMapper(client);
    this.limiter = limiter;
  }

  /** Waits for the rate limiter; every request to the server goes through here first. */
  private void throttle() {
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubeException("Interrupted while waiting for the client-side rate limit", e);
    }
  }

  private okhttp3.Response admit(okhttp3.Interceptor.Chain chain) throws java.io.IOException {
    if (closed) {
      throw new Closed(server());
    }
    inFlight.incrementAndGet();
    try {
      return chain.proceed(chain.request());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * Closes the client for good: from now on every call fails at once without reaching the server.
   * The calls already in flight get up to {@link #DRAIN} to finish, then are cancelled (each fails
   * with an I/O error) and the pooled connections closed. Returns at once; the draining happens on
   * a thread of its own.
   */
  public void close() {
    closed = true;
    Thread.ofVirtual()
        .name("close-" + server())
        .start(
            () -> {
              long until = System.nanoTime() + DRAIN.toNanos();
              while (inFlight.get() > 0 && System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
              }
              okhttp3.OkHttpClient http = client.getHttpClient();
              http.dispatcher().cancelAll();
              http.connectionPool().evictAll();
            });
  }

  /** Whether {@link #close} was called. */
  public boolean closed() {
    return closed;
  }

  /** The server's base URL, for messages. */
  public String server() {
    return client.getBasePath();
  }

  /**
   * Server-side-applies one object, taking ownership of conflicting fields.
   *
   * @param object the object as parsed from YAML: apiVersion, kind, metadata.name and (when
   *     namespaced) metadata.namespace are required
   * @return the object as stored by the server
   * @throws KubeException with the server's message when it rejects the object
   */
  public KubeObject apply(Map<String, Object> object) {
    return apply(object, false);
  }

  /**
   * Asks the server to validate and default the object exactly as {@link #apply} would, without
   * persisting anything (server-side dry run); returns the object the server would store.
   */
  public KubeObject dryRunApply(Map<String, Object> object) {
    return apply(object, true);
  }

  /**
   * Server-side-applies like {@link #apply} without reading back the stored object (the hot path of
   * a sync, which needs only success or the server's message).
   *
   * @param dryRun ask the server to validate without persisting
   */
  public void applyWithoutResult(Map<String, Object> object, boolean dryRun) {
    applyWithoutResult(object, dryRun, true);
  }

  /**
   * @param force take over fields other managers own; without it a conflict fails with the server's
   *     message naming the fields and their managers
   */
  public void applyWithoutResult(Map<String, Object> object, boolean dryRun, boolean force) {
    ApplyCall.Document desired = ApplyCall.Document.of(object);
    ResourceType type = mapper.resourceFor(desired.gvk());
    throttle();
    ApplyCall.send(client, type, desired, FIELD_MANAGER, dryRun, force);
  }

  /**
   * Server-side-applies as another field manager, the way a person's {@code kubectl apply
   * --server-side --field-manager NAME} would (used to act as an operator in tests and tools).
   */
  public KubeObject applyAs(String fieldManager, Map<String, Object> object) {
    return apply(object, false, fieldManager);
  }

  /**
   * Server-side-applies as another field manager; without {@code force} a field another manager
   * owns with a different value fails with the server's conflict (HTTP 409).
   */
  public KubeObject applyAs(String fieldManager, Map<String, Object> object, boolean force) {
    return apply(object, false, fieldManager, force);
  }

  private KubeObject apply(Map<String, Object> object, boolean dryRun) {
    return apply(object, dryRun, FIELD_MANAGER);
  }

  private KubeObject apply(Map<String, Object> object, boolean dryRun, String fieldManager) {
    return apply(object, dryRun, fieldManager, true);
  }

  private KubeObject apply(
      Map<String, Object> object, boolean dryRun, String fieldManager, boolean force) {
    // The same body as the hot path writes, so an apply and its dry run never differ.
    ApplyCall.Document desired = ApplyCall.Document.of(object);
    ResourceType type = mapper.resourceFor(desired.gvk());
    PatchOptions options = new PatchOptions();
    options.setFieldManager(fieldManager);
    options.setForce(force);
    if (dryRun) {
      options.setDryRun("All");
    }
    V1Patch patch =
        new V1Patch(new String(desired.body(), java.nio.charset.StandardCharsets.UTF_8));
    DynamicKubernetesApi api = api(type);
    KubernetesApiResponse<DynamicKubernetesObject> response =
        throttled(
            "apply " + desired.name(),
            () ->
                type.namespaced()
                    ? api.patch(
                        desired.namespace(),
                        desired.name(),
                        V1Patch.PATCH_FORMAT_APPLY_YAML,
                        patch,
                        options)
                    : api.patch(desired.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, patch, options));
    return new KubeObject(success(response, "apply " + desired.describe()).getRaw());
  }

  /**
   * Creates one object with a plain create ({@code POST}), as {@code kubectl create} would: its
   * fields belong to {@code fieldManager} through an {@code Update} operation, so a later
   * server-side apply by another manager that leaves them out does not remove them.
   *
   * @throws KubeException with the server's message, code 409 when the object exists already
   */
  public KubeObject create(String fieldManager, Map<String, Object> object) {
    ApplyCall.Document desired = ApplyCall.Document.of(object);
    ResourceType type = mapper.resourceFor(desired.gvk());
    io.kubernetes.client.util.generic.options.CreateOptions options =
        new io.kubernetes.client.util.generic.options.CreateOptions();
    options.setFieldManager(fieldManager);
    DynamicKubernetesObject body =
        new DynamicKubernetesObject(GSON.toJsonTree(object).getAsJsonObject());
    DynamicKubernetesApi api = api(type);
    KubernetesApiResponse<DynamicKubernetesObject> response =
        throttled(
            "create " + desired.name(),
            () ->
                type.namespaced()
                    ? api.create(desired.namespace(), body, options)
                    : api.create(body, options));
    return new KubeObject(success(response, "create " + desired.describe()).getRaw());
  }

  /**
   * The Kubernetes version the server reports ({@code /version}), e.g. {@code v1.34.4}.
   *
   * @throws KubeException when the server does not answer
   */
  public String serverVersion() {
    try {
      return new VersionApi(client).getCode().execute().getGitVersion();
    } catch (com.google.gson.JsonParseException e) {
      // The answer broke off while it was read: a deadline, a dropped connection.
      throw new KubeException(
          "The API server at " + server() + " did not answer: " + rootMessage(e), 0, e);
    } catch (ApiException e) {
      String cause = e.getCode() == 0 ? rootMessage(e) : "HTTP " + e.getCode();
      throw new KubeException(
          "The API server at " + server() + " did not answer: " + cause, e.getCode(), e);
    }
  }

  /**
   * Whether the kind is namespaced, as the server's discovery says.
   *
   * @throws KubeException when the server does not serve the kind
   */
  public boolean namespaced(GroupVersionKind gvk) {
    return mapper.resourceFor(gvk).namespaced();
  }

  /**
   * Deletes one object with background propagation; a missing object counts as deleted.
   *
   * @return false when it was already gone
   */
  public boolean delete(GroupVersionKind gvk, String namespace, String name) {
    ResourceType type = mapper.resourceFor(gvk);
    DynamicKubernetesApi api = api(type);
    KubernetesApiResponse<DynamicKubernetesObject> response =
        throttled(
            "delete " + name,
            () -> type.namespaced() ? api.delete(namespace, name) : api.delete(name));
    if (response.getHttpStatusCode() == 404) {
      return false;
    }
    if (!response.isSuccess()) {
      throw failure(
          response.getStatus(), response.getHttpStatusCode(), "delete " + gvk + " " + name);
    }
    return true;
  }

  /** What {@link #deleteUnchanged} found. */
  public enum Deletion {
    /** Deleted: it was still the object planned against. */
    DELETED,
    /** It was gone already. */
    GONE,
    /** It was replaced or changed since (another uid or resourceVersion): left as it is. */
    CHANGED
  }

  /**
   * Deletes one object only if it is still the one read: the server checks the uid and the
   * resourceVersion given as preconditions, so an object replaced or edited meanwhile is kept.
   */
  public Deletion deleteUnchanged(
      GroupVersionKind gvk, String namespace, String name, String uid, String resourceVersion) {
    ResourceType type = mapper.resourceFor(gvk);
    DynamicKubernetesApi api = api(type);
    io.kubernetes.client.util.generic.options.DeleteOptions options =
        new io.kubernetes.client.util.generic.options.DeleteOptions();
    options.setPreconditions(
        new io.kubernetes.client.openapi.models.V1Preconditions()
            .uid(uid)
            .resourceVersion(resourceVersion));
    KubernetesApiResponse<DynamicKubernetesObject> response =
        throttled(
            "delete " + name,
            () ->
                type.namespaced()
                    ? api.delete(namespace, name, options)
                    : api.delete(name, options));
    if (response.getHttpStatusCode() == 404) {
      return Deletion.GONE;
    }
    if (response.getHttpStatusCode() == 409) {
      return Deletion.CHANGED;
    }
    if (!response.isSuccess()) {
      throw failure(
          response.getStatus(), response.getHttpStatusCode(), "delete " + gvk + " " + name);
    }
    return Deletion.DELETED;
  }

  /** Lists the objects of a kind in one namespace that carry the labels a selector names. */
  public List<KubeObject> list(GroupVersionKind gvk, String namespace, String labelSelector) {
    ResourceType type = mapper.resourceFor(gvk);
    io.kubernetes.client.util.generic.options.ListOptions options =
        new io.kubernetes.client.util.generic.options.ListOptions();
    options.setLabelSelector(labelSelector);
    throttle();
    var response = api(type).list(namespace, options);
    if (!response.isSuccess()) {
      throw failure(
          response.getStatus(),
          response.getHttpStatusCode(),
          "list " + gvk + " in " + namespace + " (" + labelSelector + ")");
    }
    return response.getObject().getItems().stream()
        .map(item -> new KubeObject(item.getRaw()))
        .toList();
  }

  /** Reads one object; empty when it does not exist. */
  public Optional<KubeObject> get(GroupVersionKind gvk, String namespace, String name) {
    ResourceType type = mapper.resourceFor(gvk);
    DynamicKubernetesApi api = api(type);
    KubernetesApiResponse<DynamicKubernetesObject> response =
        throttled(
            "read " + name, () -> type.namespaced() ? api.get(namespace, name) : api.get(name));
    if (response.getHttpStatusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(new KubeObject(success(response, "read " + gvk + " " + name).getRaw()));
  }

  /**
   * Whether the API server serves the kind, e.g. whether a CRD is installed.
   *
   * @throws KubeException when discovery fails
   */
  public boolean serves(GroupVersionKind gvk) {
    return mapper.find(gvk).isPresent();
  }

  /** Lists the objects of a kind in every namespace. */
  public List<KubeObject> list(GroupVersionKind gvk) {
    ResourceType type = mapper.resourceFor(gvk);
    var response = api(type).list();
    if (!response.isSuccess()) {
      throw failure(response.getStatus(), response.getHttpStatusCode(), "list " + gvk);
    }
    return response.getObject().getItems().stream()
        .map(item -> new KubeObject(item.getRaw()))
        .toList();
  }

  /**
   * Lists the objects of a kind in every namespace that match a field selector, e.g. {@code
   * type=Warning} for events; at most {@code limit}.
   */
  public List<KubeObject> list(GroupVersionKind gvk, String fieldSelector, int limit) {
    ResourceType type = mapper.resourceFor(gvk);
    io.kubernetes.client.util.generic.options.ListOptions options =
        new io.kubernetes.client.util.generic.options.ListOptions();
    options.setFieldSelector(fieldSelector);
    options.setLimit(limit);
    throttle();
    var response = api(type).list(options);
    if (!response.isSuccess()) {
      throw failure(
          response.getStatus(),
          response.getHttpStatusCode(),
          "list " + gvk + " (" + fieldSelector + ")");
    }
    return response.getObject().getItems().stream()
        .map(item -> new KubeObject(item.getRaw()))
        .toList();
  }

  /**
   * Reads one page of the objects of a kind in every namespace: at most {@code limit} objects, its
   * answer at most {@code maxBytes} long (a larger one fails before it is parsed).
   *
   * @param continueToken the previous page's {@link ListPage#continueToken}, or null for the first
   * @throws KubeException when the server cannot be reached, refuses, or answers too much
   */
  public ListPage listPage(GroupVersionKind gvk, int limit, String continueToken, int maxBytes) {
    ResourceType type = mapper.resourceFor(gvk);
    throttle();
    return ListPage.fetch(client, type, limit, continueToken, maxBytes);
  }

  /**
   * Replaces an object's status through its {@code /status} subresource.
   *
   * @param status the new status, as a JSON-like map
   */
  public KubeObject replaceStatus(KubeObject current, Map<String, Object> status) {
    ResourceType type = mapper.resourceFor(current.gvk());
    JsonElement statusJson = GSON.toJsonTree(status);
    JsonObject copy = current.json().deepCopy();
    copy.add("status", statusJson);
    var response = api(type).updateStatus(new DynamicKubernetesObject(copy), o -> statusJson);
    return new KubeObject(
        success(response, "update status of " + current.gvk() + " " + current.name()).getRaw());
  }

  private <T extends io.kubernetes.client.common.KubernetesType> KubernetesApiResponse<T> throttled(
      String action, java.util.function.Supplier<KubernetesApiResponse<T>> call) {
    return Retry.call(
        action,
        () -> {
          throttle();
          return call.get();
        });
  }

  private DynamicKubernetesApi api(ResourceType type) {
    return new DynamicKubernetesApi(
        type.gvk().group(), type.gvk().version(), type.plural(), client);
  }

  private DynamicKubernetesObject success(
      KubernetesApiResponse<DynamicKubernetesObject> response, String action) {
    if (!response.isSuccess()) {
      throw failure(response.getStatus(), response.getHttpStatusCode(), action);
    }
    return response.getObject();
  }

  private KubeException failure(
      io.kubernetes.client.openapi.models.V1Status status, int code, String action) {
    String reason =
        status == null || status.getMessage() == null ? "HTTP " + code : status.getMessage();
    return new KubeException("Cannot " + action + " on " + server() + ": " + reason, code, null);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
