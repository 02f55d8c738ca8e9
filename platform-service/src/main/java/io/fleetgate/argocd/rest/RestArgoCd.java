package io.fleetgate.argocd.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetgate.argocd.ApplicationChange;
import io.fleetgate.argocd.ApplicationState;
import io.fleetgate.argocd.ArgoApplication;
import io.fleetgate.argocd.ArgoCd;
import io.fleetgate.argocd.ArgoCdException;
import io.fleetgate.argocd.ArgoCdFailure;
import io.fleetgate.argocd.ArgoCluster;
import io.fleetgate.argocd.ArgoProject;
import io.fleetgate.argocd.ArgoVersion;
import io.fleetgate.argocd.Cascade;
import io.fleetgate.argocd.CommitId;
import io.fleetgate.argocd.LabelSelector;
import io.fleetgate.argocd.ManagedResource;
import io.fleetgate.argocd.ObjectNames;
import io.fleetgate.argocd.Prune;
import io.fleetgate.argocd.Removal;
import io.fleetgate.argocd.ResourceNode;
import io.fleetgate.argocd.ServerText;
import io.fleetgate.argocd.rest.gen.api.ApplicationServiceApi;
import io.fleetgate.argocd.rest.gen.api.ClusterServiceApi;
import io.fleetgate.argocd.rest.gen.api.ProjectServiceApi;
import io.fleetgate.argocd.rest.gen.api.SessionServiceApi;
import io.fleetgate.argocd.rest.gen.api.VersionServiceApi;
import io.fleetgate.argocd.rest.gen.invoker.ApiClient;
import io.fleetgate.argocd.rest.gen.invoker.ApiException;
import io.fleetgate.argocd.rest.gen.model.ApplicationApplicationSyncRequest;
import io.fleetgate.argocd.rest.gen.model.ProjectProjectCreateRequest;
import io.fleetgate.argocd.rest.gen.model.SessionSessionCreateRequest;
import io.fleetgate.argocd.rest.gen.model.SessionSessionResponse;
import io.fleetgate.argocd.rest.gen.model.VersionVersionMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The {@link ArgoCd} port over Argo CD's REST API, through the client generated from Argo CD's own
 * API document. Authenticates with an API token, or with an account exchanged for a session token
 * (renewed once when Argo CD refuses an expired one). Thread-safe.
 */
public final class RestArgoCd implements ArgoCd, io.fleetgate.argocd.deploy.ArgoApplications {

  private final ArgoCdEndpoint endpoint;
  private final ArgoCredentials credentials;
  private final AtomicReference<BearerToken> token = new AtomicReference<>();
  private final Failures failures;
  private final ObjectMapper json;
  private final ApplicationServiceApi applications;
  private final ClusterServiceApi clusters;
  private final ProjectServiceApi projects;
  private final SessionServiceApi sessions;
  private final VersionServiceApi versions;
  private final GuardedHttpClient http;

  private RestArgoCd(ArgoCdEndpoint endpoint, ArgoCredentials credentials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    GuardedHttpClient http =
        GuardedHttpClient.create(
            endpoint.connectTimeout(), endpoint.callTimeout(), endpoint.maxAnswerBytes());
    ApiClient client =
        new ApiClient() {
          @Override
          public HttpClient getHttpClient() {
            return http;
          }
        };
    client.updateBaseUri(endpoint.baseUri());
    client.setConnectTimeout(endpoint.connectTimeout());
    client.setReadTimeout(endpoint.callTimeout());
    client.setRequestInterceptor(
        request -> {
          // Argo CD refuses a request without a JSON content type (its --api-content-types),
          // bodiless DELETEs included, which the generated client sends without one.
          request.setHeader("Content-Type", "application/json");
          BearerToken current = token.get();
          if (current != null) {
            request.header("Authorization", current.header());
          }
        });
    this.json = client.getObjectMapper();
    this.failures = new Failures(ArgoCdEndpoint.safe(endpoint.server()), json, token::get);
    this.applications = new ApplicationServiceApi(client);
    this.clusters = new ClusterServiceApi(client);
    this.projects = new ProjectServiceApi(client);
    this.sessions = new SessionServiceApi(client);
    this.versions = new VersionServiceApi(client);
    this.http = http;
  }

  /**
   * A client of the server, authenticated: the credentials file is read now, and an account is
   * exchanged for a session token now, so bad credentials fail here and not at the first use.
   */
  public static RestArgoCd connect(ArgoCdEndpoint endpoint, ArgoCredentials credentials) {
    RestArgoCd argo = new RestArgoCd(endpoint, credentials);
    argo.authenticate();
    return argo;
  }

  @Override
  public ArgoVersion version() {
    VersionVersionMessage v = call("read the version", versions::version);
    return new ArgoVersion(v == null ? "" : v.getVersion(), v == null ? "" : v.getGitCommit());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read by hand, like the watch stream, and only this field of the answer: Argo CD v3.5.7
   * writes {@code resourceOverrides}' {@code ignoreDifferences} as YAML text where its own API
   * document declares an object, so the generated settings model cannot read the answer (ADR 36).
   */
  @Override
  public io.fleetgate.argocd.TrackingMethod trackingMethod() {
    var method = call("read the settings", this::settings).path("trackingMethod");
    return io.fleetgate.argocd.TrackingMethod.of(method.isTextual() ? method.asText() : null);
  }

  /** {@code GET /api/v1/settings}, sent as the generated client sends, read as a JSON tree. */
  private com.fasterxml.jackson.databind.JsonNode settings() throws ApiException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint.baseUri() + "/api/v1/settings"))
            .header("Accept", "application/json")
            .GET();
    BearerToken current = token.get();
    if (current != null) {
      request.header("Authorization", current.header());
    }
    try {
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (answer.statusCode() / 100 != 2) {
        throw new ApiException(answer.statusCode(), "", answer.headers(), answer.body());
      }
      return json.readTree(answer.body());
    } catch (IOException e) {
      throw new ApiException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(e);
    }
  }

  @Override
  public List<ArgoApplication> applications(LabelSelector selector) {
    var list =
        call(
            "list applications",
            () ->
                applications.listApplications(
                    null, null, null, null, selector.query(), null, null, null));
    return ApplicationModels.map(
        list == null ? null : list.getItems(), ApplicationModels::toApplication);
  }

  @Override
  public Optional<ArgoApplication> application(String name) {
    app(name);
    return find(
            "get application " + name,
            () -> applications.get(name, null, null, null, null, null, null, null))
        .map(ApplicationModels::toApplication);
  }

  @Override
  public ArgoApplication upsert(ArgoApplication application) {
    var model = ApplicationModels.toModel(application);
    return ApplicationModels.toApplication(
        call(
            "upsert application " + application.name(),
            () -> applications.create(model, true, true)));
  }

  @Override
  public Removal delete(String name, Cascade cascade) {
    app(name);
    boolean withResources = cascade == Cascade.DELETE_RESOURCES;
    return remove(
        "delete application " + name,
        () ->
            applications.delete(
                name, withResources, withResources ? "foreground" : null, null, null));
  }

  @Override
  public void refresh(String name) {
    app(name);
    call(
        "refresh application " + name,
        () -> applications.get(name, "normal", null, null, null, null, null, null));
  }

  @Override
  public void terminate(String name) {
    app(name);
    call(
        "terminate the sync operation of application " + name,
        () -> applications.terminateOperation(name, null, null));
  }

  /**
   * Only the names of the listed Applications are read: one whose spec Fleetgate could not read
   * (edited by hand, several sources) still goes when its name and labels are Fleetgate's.
   */
  @Override
  public void remove(io.fleetgate.argocd.deploy.BundleApplication application) {
    var list =
        call(
            "list applications",
            () ->
                applications.listApplications(
                    null,
                    null,
                    null,
                    null,
                    LabelSelector.of(application.labels()).query(),
                    null,
                    null,
                    null));
    if (list == null || list.getItems() == null) {
      return;
    }
    for (var found : list.getItems()) {
      if (found.getMetadata() != null && application.name().equals(found.getMetadata().getName())) {
        delete(application.name(), Cascade.KEEP_RESOURCES);
      }
    }
  }

  @Override
  public void sync(String name, String revision, Prune prune) {
    app(name);
    ApplicationApplicationSyncRequest request =
        new ApplicationApplicationSyncRequest()
            .name(name)
            .revision(CommitId.require(revision))
            .prune(prune == Prune.DELETE);
    call("sync application " + name + " to " + revision, () -> applications.sync(name, request));
  }

  @Override
  public void upsert(io.fleetgate.argocd.deploy.BundleApplication application, String namespace) {
    app(application.name());
    var model = DriverModels.toModel(application, namespace);
    call("upsert application " + application.name(), () -> applications.create(model, true, true));
  }

  @Override
  public void sync(
      String name, String revision, java.util.Collection<io.fleetgate.domain.ObjectRef> resources) {
    app(name);
    ApplicationApplicationSyncRequest request =
        new ApplicationApplicationSyncRequest()
            .name(name)
            .revision(CommitId.require(revision))
            .prune(false)
            .resources(resources.stream().map(DriverModels::resource).toList());
    call(
        "sync " + resources.size() + " resource(s) of application " + name + " to " + revision,
        () -> applications.sync(name, request));
  }

  @Override
  public Optional<io.fleetgate.argocd.deploy.ArgoApplications.Operation> operation(String name) {
    app(name);
    return find(
            "read the last operation of application " + name,
            () -> applications.get(name, null, null, null, null, null, null, null))
        .flatMap(DriverModels::operation);
  }

  @Override
  public Optional<ApplicationState> state(String name) {
    app(name);
    return find(
            "get the state of application " + name,
            () -> applications.get(name, null, null, null, null, null, null, null))
        .map(ApplicationModels::toState);
  }

  @Override
  public List<ResourceNode> resourceTree(String name) {
    app(name);
    return ApplicationModels.toNodes(
        call(
            "read the resource tree of application " + name,
            () -> applications.resourceTree(name, null, null, null, null, null, null, null)));
  }

  @Override
  public List<ManagedResource> managedResources(String name) {
    app(name);
    return ApplicationModels.toManaged(
        call(
            "read the managed resources of application " + name,
            () -> applications.managedResources(name, null, null, null, null, null, null, null)));
  }

  @Override
  public List<ArgoCluster> clusters() {
    var list = call("list clusters", () -> clusters.listClusters(null, null, null, null));
    return ApplicationModels.map(
        list == null ? null : list.getItems(), ClusterAndProjectModels::toCluster);
  }

  @Override
  public Optional<ArgoCluster> cluster(String server) {
    serverUrl(server);
    return find("get cluster " + server, () -> clusters.get(server, null, null, "server"))
        .map(ClusterAndProjectModels::toCluster);
  }

  @Override
  public Removal deleteCluster(String server) {
    serverUrl(server);
    return remove("delete cluster " + server, () -> clusters.delete(server, null, null, "server"));
  }

  @Override
  public Optional<ArgoProject> project(String name) {
    ObjectNames.require("The Argo CD project", name);
    return find("get project " + name, () -> projects.get(name))
        .map(ClusterAndProjectModels::toProject);
  }

  @Override
  public ArgoProject upsert(ArgoProject project) {
    var request =
        new ProjectProjectCreateRequest()
            .project(ClusterAndProjectModels.toModel(project))
            .upsert(true);
    return ClusterAndProjectModels.toProject(
        call("upsert project " + project.name(), () -> projects.create(request)));
  }

  /** The name when it is an object name, so that no path segment such as {@code ..} is sent. */
  private static String app(String name) {
    return ObjectNames.require("The Argo CD application", name);
  }

  private static String serverUrl(String server) {
    if (server == null || server.isBlank() || !ServerText.clean(server).equals(server)) {
      throw new IllegalArgumentException(
          "A cluster's server URL must be non-blank printable text without spaces");
    }
    return server;
  }

  /** The mapper of the generated client, for the watch stream's reader. */
  ObjectMapper json() {
    return json;
  }

  /** A read whose 404 means "none of that name". */
  private <T> Optional<T> find(String operation, Call<T> call) {
    try {
      T found = callOnce(operation, call, true);
      if (found == null) {
        throw new ArgoCdException(
            ArgoCdFailure.MALFORMED_ANSWER,
            operation,
            "Argo CD at " + server() + " answered " + operation + " with no body");
      }
      return Optional.of(found);
    } catch (NotFound e) {
      return Optional.empty();
    }
  }

  /** A delete whose 404 means "there was nothing to delete". */
  private Removal remove(String operation, Call<?> call) {
    try {
      callOnce(operation, call, true);
      return Removal.REMOVED;
    } catch (NotFound e) {
      return Removal.ALREADY_ABSENT;
    }
  }

  private <T> T call(String operation, Call<T> call) {
    try {
      return callOnce(operation, call, false);
    } catch (NotFound e) {
      throw new IllegalStateException("a 404 is an error here", e);
    }
  }

  private String server() {
    return ArgoCdEndpoint.safe(endpoint.server());
  }

  private <T> T callOnce(String operation, Call<T> call, boolean notFoundIsEmpty) {
    try {
      return call.run();
    } catch (ApiException e) {
      if (e.getCode() == 401 && credentials instanceof ArgoCredentials.AccountFile) {
        authenticate(); // the session token expired: one new session, one more try
        try {
          return call.run();
        } catch (ApiException again) {
          throw classify(operation, again, notFoundIsEmpty);
        }
      }
      throw classify(operation, e, notFoundIsEmpty);
    }
  }

  private RuntimeException classify(String operation, ApiException e, boolean notFoundIsEmpty) {
    if (Failures.notFound(e)) {
      return notFoundIsEmpty ? new NotFound() : failures.of(operation, e);
    }
    return failures.of(operation, e);
  }

  private void authenticate() {
    switch (credentials) {
      case ArgoCredentials.ApiTokenFile file -> token.set(CredentialFiles.token(file.file()));
      case ArgoCredentials.AccountFile file -> {
        CredentialFiles.Account account = CredentialFiles.account(file.file());
        token.set(null);
        var request =
            new SessionSessionCreateRequest()
                .username(account.username())
                .password(account.password());
        String operation = "log in as " + account.username();
        SessionSessionResponse answer;
        try {
          answer = sessions.create(request); // never renewed: a refused login is the answer
        } catch (ApiException e) {
          throw failures.of(operation, e);
        }
        if (answer == null || !BearerToken.plausible(answer.getToken())) {
          throw new ArgoCdException(
              ArgoCdFailure.MALFORMED_ANSWER,
              "log in as " + account.username(),
              "Argo CD at "
                  + ArgoCdEndpoint.safe(endpoint.server())
                  + " answered the login without a usable session token");
        }
        token.set(new BearerToken(answer.getToken()));
      }
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws ApiException;
  }

  /** Argo CD answered 404 to a read or delete that expects it. */
  private static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound() {
      super("not found", null, false, false);
    }
  }

  @Override
  public String toString() {
    return "RestArgoCd[" + ArgoCdEndpoint.safe(endpoint.server()) + "]";
  }

  @Override
  public void watch(LabelSelector selector, Consumer<ApplicationChange> listener) {
    String operation = "watch applications";
    String query =
        selector.query().isEmpty()
            ? ""
            : "?selector=" + URLEncoder.encode(selector.query(), StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(endpoint.baseUri() + "/api/v1/stream/applications" + query))
            .timeout(endpoint.callTimeout())
            .header("Accept", "application/json")
            .GET();
    BearerToken current = token.get();
    if (current != null) {
      request.header("Authorization", current.header());
    }
    try (HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(endpoint.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()) {
      HttpResponse<InputStream> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = answer.body()) {
        if (answer.statusCode() / 100 != 2) {
          byte[] excerpt = body.readNBytes(64 * 1024);
          throw failures.of(
              operation,
              new ApiException(
                  answer.statusCode(),
                  "",
                  answer.headers(),
                  new String(excerpt, StandardCharsets.UTF_8)));
        }
        int maxLine = (int) Math.min(Integer.MAX_VALUE - 8, endpoint.maxAnswerBytes());
        consume(new ApplicationStreamReader(body, maxLine, json, server()), listener);
      }
    } catch (IOException e) {
      throw failures.of(operation, new ApiException(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.of(operation, new ApiException(e));
    }
  }

  /** Passes every change the reader reads to the listener until the stream ends. */
  void consume(ApplicationStreamReader reader, Consumer<ApplicationChange> listener)
      throws IOException {
    for (var item = reader.next(); item.isPresent(); item = reader.next()) {
      switch (item.get()) {
        case WatchItem.Change change -> listener.accept(change.change());
        case WatchItem.StreamError error ->
            throw new ArgoCdException(
                ArgoCdFailure.SERVER_ERROR,
                "watch applications",
                "Argo CD at "
                    + ArgoCdEndpoint.safe(endpoint.server())
                    + " ended the application watch: "
                    + error.message());
      }
    }
  }
}
