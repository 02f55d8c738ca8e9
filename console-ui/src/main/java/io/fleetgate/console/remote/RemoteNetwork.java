package io.fleetgate.console.remote;

import io.fleetgate.client.ApiClient;
import io.fleetgate.client.ApiException;
import io.fleetgate.client.api.NetworkApi;
import io.fleetgate.console.network.NetworkSource;
import java.util.List;

/** The Network view's reads over the generated client: reachability, explanations, diffs. */
final class RemoteNetwork implements NetworkSource {

  /** Changes a diff lists at most; the counts cover all of them. */
  static final int DIFF_LIMIT = 2_000;

  private final ApiClient client;

  RemoteNetwork(ApiClient client) {
    this.client = client;
  }

  @Override
  public List<String> clusters() {
    try {
      return new io.fleetgate.client.api.FleetApi(client)
          .listClusters().getClusters().stream()
              .map(c -> c.getCluster().getName())
              .sorted()
              .toList();
    } catch (ApiException e) {
      throw new IllegalStateException(problem(e), e);
    }
  }

  @Override
  public List<Revision> revisions() {
    try {
      return new io.fleetgate.client.api.SyncApi(client)
          .listRevisions(50).getRevisions().stream()
              .map(r -> new Revision(r.getCommit(), r.getMessage() == null ? "" : r.getMessage()))
              .toList();
    } catch (ApiException e) {
      throw new IllegalStateException(problem(e), e);
    }
  }

  @Override
  public Picture reachability(String cluster, String revision) {
    try {
      var report = new NetworkApi(client).getReachability(cluster, revision);
      return new Picture(
          report.getCluster(),
          report.getCommit(),
          report.getNamespaces().stream()
              .map(n -> new Group(n.getName(), Boolean.TRUE.equals(n.getProtectedNamespace())))
              .toList(),
          report.getWorkloads().stream()
              .map(w -> new Node(w.getEndpoint(), w.getNamespace(), w.getName(), w.getKind()))
              .toList(),
          report.getConnections().stream()
              .map(
                  c ->
                      new Edge(
                          c.getSrc(),
                          c.getDst(),
                          c.getConn(),
                          c.getPorts().stream()
                              .map(
                                  p -> new Port(p.getProtocol().getValue(), p.getFrom(), p.getTo()))
                              .toList()))
              .toList(),
          report.getFindings().stream()
              .map(
                  f ->
                      new Finding(
                          f.getKind().getValue(),
                          f.getSeverity().getValue(),
                          f.getSubject(),
                          f.getMessage()))
              .toList());
    } catch (ApiException e) {
      throw new IllegalStateException(problem(e), e);
    }
  }

  @Override
  public Explanation explain(String cluster, String revision, String src, String dst) {
    try {
      var why = new NetworkApi(client).explainReachability(cluster, src, dst, revision);
      return new Explanation(
          why.getSrc(),
          why.getDst(),
          Boolean.TRUE.equals(why.getAllowed()),
          why.getConn(),
          why.getText());
    } catch (ApiException e) {
      throw new IllegalStateException(problem(e), e);
    }
  }

  @Override
  public Diff diff(String cluster, String from, String to) {
    try {
      var diff = new NetworkApi(client).diffReachability(cluster, from, to, DIFF_LIMIT);
      return new Diff(
          diff.getFrom(),
          diff.getTo(),
          diff.getOpened(),
          diff.getClosed(),
          Boolean.TRUE.equals(diff.getTruncated()),
          diff.getChanges().stream()
              .map(
                  c ->
                      new Change(
                          c.getSrc(),
                          c.getDst(),
                          c.getOpened(),
                          c.getClosed(),
                          c.getAllowedBy(),
                          c.getPreviouslyAllowedBy()))
              .toList());
    } catch (ApiException e) {
      throw new IllegalStateException(problem(e), e);
    }
  }

  /** The problem's sentence when the platform sent one, else what {@code RemotePlatform} says. */
  static String problem(ApiException e) {
    if (e.getCode() >= 400 && e.getCode() != 401 && e.getCode() != 403) {
      try {
        var detail =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(e.getResponseBody() == null ? "" : e.getResponseBody())
                .path("detail");
        if (detail.isTextual() && !detail.asText().isBlank()) {
          return detail.asText();
        }
      } catch (java.io.IOException | RuntimeException notJson) {
        // fall through to the general sentence
      }
    }
    return RemotePlatform.explain(e);
  }
}
