package io.fleetgate.console.remote;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.FleetSnapshot;
import io.fleetgate.api.FleetView;
import io.fleetgate.client.ApiClient;
import io.fleetgate.client.ApiException;
import io.fleetgate.client.api.FleetApi;
import io.fleetgate.client.model.ClusterState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A platform-service at a URL, reached with a bearer token through the generated client. Reads
 * block on the network: call them off the UI thread.
 */
public final class RemotePlatform
    implements FleetView,
        io.fleetgate.console.fleet.FleetSource,
        io.fleetgate.console.policy.PolicySource,
        io.fleetgate.console.reports.ReportSource,
        io.fleetgate.console.fleet.ClusterSource,
        io.fleetgate.console.network.NetworkSource,
        io.fleetgate.console.slo.SloSource,
        io.fleetgate.console.rollout.RolloutSource {

  private final URI base;
  private final String token;
  private final ApiClient client;
  private final Clock clock;
  private final RemoteNetwork network;
  private final RemoteSlos slos;
  private final RemoteRollouts rollouts;

  public RemotePlatform(URI base, String token, Clock clock) {
    this.base = base;
    this.token = token;
    this.clock = clock;
    this.client = new ApiClient();
    client.updateBaseUri(base.toString().replaceAll("/+$", ""));
    client.setConnectTimeout(Duration.ofSeconds(5));
    client.setReadTimeout(Duration.ofSeconds(30));
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    this.network = new RemoteNetwork(client);
    this.slos = new RemoteSlos(client);
    this.rollouts = new RemoteRollouts(client);
  }

  @Override
  public io.fleetgate.api.RolloutStatus.Board board() {
    return rollouts.board();
  }

  @Override
  public io.fleetgate.api.RolloutStatus.CommandResult command(
      String rollout, io.fleetgate.api.RolloutStatus.Command command) {
    return rollouts.command(rollout, command);
  }

  @Override
  public io.fleetgate.api.RolloutStatus.Matrix matrix(
      io.fleetgate.console.rollout.RolloutSource.MatrixTarget target) {
    return rollouts.matrix(target);
  }

  @Override
  public io.fleetgate.console.slo.SloSource.Report slos() {
    return slos.slos();
  }

  @Override
  public List<io.fleetgate.console.slo.SloSource.Point> history(
      String service, String slo, java.time.Instant from, java.time.Instant to, int points) {
    return slos.history(service, slo, from, to, points);
  }

  @Override
  public List<String> clusters() {
    return network.clusters();
  }

  @Override
  public List<io.fleetgate.console.network.NetworkSource.Revision> revisions() {
    return network.revisions();
  }

  @Override
  public io.fleetgate.console.network.NetworkSource.Picture reachability(
      String cluster, String revision) {
    return network.reachability(cluster, revision);
  }

  @Override
  public io.fleetgate.console.network.NetworkSource.Explanation explain(
      String cluster, String revision, String src, String dst) {
    return network.explain(cluster, revision, src, dst);
  }

  @Override
  public io.fleetgate.console.network.NetworkSource.Diff diff(
      String cluster, String from, String to) {
    return network.diff(cluster, from, to);
  }

  /** The generated client, authorized with the token. */
  public ApiClient client() {
    return client;
  }

  public URI base() {
    return base;
  }

  /** Live events from the platform, resumed from {@code lastEventId} (0: only new ones). */
  public PlatformEvents events(long lastEventId, PlatformEvents.Listener listener) {
    return PlatformEvents.open(base, token, lastEventId, listener);
  }

  @Override
  public FleetSnapshot snapshot() {
    List<ClusterState> states;
    try {
      states = new FleetApi(client).listClusters().getClusters();
    } catch (ApiException e) {
      throw new IllegalStateException(explain(e), e);
    }
    List<ClusterSummary> clusters = new ArrayList<>();
    for (ClusterState state : states) {
      clusters.add(summary(state.getCluster()));
    }
    clusters.sort(
        Comparator.comparing(ClusterSummary::provider)
            .thenComparing(ClusterSummary::region)
            .thenComparing(ClusterSummary::name));
    return new FleetSnapshot(clock.instant(), clusters, List.of());
  }

  @Override
  public io.fleetgate.console.fleet.FleetSource.Picture read() {
    List<ClusterState> states;
    try {
      states = new FleetApi(client).listClusters().getClusters();
    } catch (ApiException e) {
      throw new IllegalStateException(explain(e), e);
    }
    List<io.fleetgate.console.fleet.FleetRow> rows = new ArrayList<>();
    for (ClusterState state : states) {
      rows.add(
          new io.fleetgate.console.fleet.FleetRow(
              summary(state.getCluster()),
              state.getOutcome().getValue(),
              state.getCommit(),
              state.getViolations(),
              state.getDrifted(),
              state.getDetail()));
    }
    return new io.fleetgate.console.fleet.FleetSource.Picture(clock.instant(), rows, List.of());
  }

  @Override
  public io.fleetgate.console.policy.PolicySource.Picture policy() {
    try {
      var api = new io.fleetgate.client.api.PolicyApi(client);
      List<FindingRow> findings = new ArrayList<>();
      for (var f : api.listFindings(null, null, null, 2_000).getFindings()) {
        findings.add(
            new FindingRow(
                f.getTime().toInstant(),
                f.getCluster(),
                f.getObject(),
                f.getSource(),
                f.getPolicy(),
                f.getControls(),
                f.getSeverity(),
                f.getDecision().getValue(),
                f.getMessage(),
                f.getCommit(),
                f.getAuthor()));
      }
      List<WaiverRow> waivers = new ArrayList<>();
      for (var w : api.listWaivers().getWaivers()) {
        waivers.add(
            new WaiverRow(
                w.getPolicy(),
                w.getObject(),
                w.getOwner(),
                w.getReason(),
                w.getExpires(),
                Boolean.TRUE.equals(w.getActive()),
                w.getDeclaredAt()));
      }
      return new io.fleetgate.console.policy.PolicySource.Picture(findings, waivers);
    } catch (ApiException e) {
      throw new IllegalStateException(explain(e), e);
    }
  }

  private static ClusterSummary summary(io.fleetgate.client.model.ClusterSummary c) {
    return new ClusterSummary(
        c.getNamespace(),
        c.getName(),
        c.getProvider(),
        c.getRegion(),
        c.getEnv(),
        c.getTier(),
        c.getPhase(),
        c.getKubernetesVersion(),
        Boolean.TRUE.equals(c.getReachable()),
        c.getProblem(),
        c.getLabels() == null ? java.util.Map.of() : c.getLabels());
  }

  @Override
  public Generated generate(Request request) {
    try {
      var body =
          new io.fleetgate.client.model.ReportRequest()
              .format(
                  io.fleetgate.client.model.ReportRequest.FormatEnum.fromValue(request.format()))
              .from(request.from().toString())
              .to(request.to().toString())
              .cluster(request.cluster())
              .control(request.control());
      var created = new io.fleetgate.client.api.AuditApi(client).generateReport(body);
      return new Generated(
          created.getId(),
          created.getFormat(),
          created.getBytes(),
          created.getFindings(),
          Boolean.TRUE.equals(created.getChainIntact()));
    } catch (ApiException e) {
      throw new IllegalStateException(explain(e), e);
    }
  }

  @Override
  public byte[] download(String id) {
    try {
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          URI.create(
                              base.toString().replaceAll("/+$", "") + "/api/v1/reports/" + id))
                      .header("Authorization", "Bearer " + token)
                      .timeout(Duration.ofMinutes(2))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "The platform answered HTTP " + response.statusCode() + " for report " + id);
      }
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The platform does not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while downloading the report", e);
    }
  }

  @Override
  public io.fleetgate.console.fleet.ClusterSource.Detail detail(String cluster) {
    try {
      FleetApi api = new FleetApi(client);
      var detail = api.getCluster(cluster);
      var plan = api.planCluster(cluster);
      java.util.Map<String, io.fleetgate.client.model.ObjectHealth> health =
          new java.util.HashMap<>();
      for (var h : detail.getHealth()) {
        health.put(h.getObject(), h);
      }
      List<io.fleetgate.console.fleet.ClusterSource.ObjectRow> rows = new ArrayList<>();
      for (var o : plan.getObjects()) {
        var h = health.get(o.getObject());
        rows.add(
            new io.fleetgate.console.fleet.ClusterSource.ObjectRow(
                o.getObject(),
                o.getBundle(),
                o.getSource(),
                o.getChange().getValue(),
                h == null ? "" : h.getStatus().getValue(),
                h == null ? "" : h.getMessage(),
                o.getDiff()));
      }
      List<io.fleetgate.console.fleet.ClusterSource.EventRow> events = new ArrayList<>();
      for (var e : detail.getEvents()) {
        events.add(
            new io.fleetgate.console.fleet.ClusterSource.EventRow(
                e.getObject(), e.getReason(), e.getMessage(), e.getCount()));
      }
      String problem =
          !plan.getUnreachable().isEmpty()
              ? "unreachable: " + plan.getUnreachable()
              : String.join("; ", plan.getProblems());
      return new io.fleetgate.console.fleet.ClusterSource.Detail(cluster, problem, rows, events);
    } catch (ApiException e) {
      throw new IllegalStateException(explain(e), e);
    }
  }

  @Override
  public io.fleetgate.api.ArgoCdStatus.Report argoCd(String cluster) {
    try {
      return RemoteArgoCd.report(new FleetApi(client).clusterArgoCd(cluster));
    } catch (ApiException e) {
      throw new IllegalStateException(explain(e), e);
    }
  }

  /** Asks the platform to sync now (needs the operator role). */
  public void refresh() {
    try {
      new io.fleetgate.client.api.SyncApi(client).refresh();
    } catch (ApiException e) {
      throw new IllegalStateException(explain(e), e);
    }
  }

  /** A sentence for the window: what failed and what to do. */
  static String explain(ApiException e) {
    if (e.getCode() == 0
        && e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException unread) {
      return "The platform answered in a form this console cannot read ("
          + bounded(unread.getOriginalMessage())
          + "). It may be newer than this console (use the console of its version), or something"
          + " between them answered in its place.";
    }
    return switch (e.getCode()) {
      case 0 -> "The platform at the given URL does not answer: " + bounded(e.getMessage());
      case 401 -> "The platform refused the token. Create one with 'fleetgate token create'.";
      case 403 -> "The token's role is too low for this view.";
      default -> "The platform answered HTTP " + e.getCode() + ": " + bounded(e.getResponseBody());
    };
  }

  /**
   * What a server said, as one printable line of at most {@value #MESSAGE_LIMIT} code points:
   * control and bidirectional-control characters become spaces, runs of spaces one.
   */
  static String bounded(String message) {
    StringBuilder out = new StringBuilder();
    String.valueOf(message)
        .codePoints()
        .map(c -> Character.isISOControl(c) || Character.isWhitespace(c) || bidi(c) ? ' ' : c)
        .forEach(out::appendCodePoint);
    String line = out.toString().replaceAll(" +", " ").strip();
    if (line.codePointCount(0, line.length()) <= MESSAGE_LIMIT) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, MESSAGE_LIMIT - 1)) + "…";
  }

  private static boolean bidi(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F;
  }

  private static final int MESSAGE_LIMIT = 200;
}
