package io.fleetgate.console.remote;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.client.model.ArgoCdApplication;
import io.fleetgate.client.model.ArgoCdReport;
import io.fleetgate.client.model.ArgoCdResource;
import java.util.List;

/**
 * Argo CD's view of a cluster as {@code GET /api/v1/clusters/{name}/argocd} answers it through the
 * generated client, read into the {@link ArgoCdStatus} records the platform wrote it from. Fields
 * the answer leaves out read as empty.
 */
final class RemoteArgoCd {

  private RemoteArgoCd() {}

  static ArgoCdStatus.Report report(ArgoCdReport answer) {
    return new ArgoCdStatus.Report(
        ArgoCdStatus.State.valueOf(answer.getState().getValue()),
        text(answer.getCluster()),
        text(answer.getServer()),
        text(answer.getProblem()),
        answer.getReadAt() == null ? null : answer.getReadAt().toInstant(),
        list(answer.getApplications()).stream().map(RemoteArgoCd::application).toList());
  }

  private static ArgoCdStatus.Application application(ArgoCdApplication app) {
    return new ArgoCdStatus.Application(
        text(app.getName()),
        text(app.getBundle()),
        ArgoCdStatus.Sync.valueOf(app.getSync().getValue()),
        ArgoCdStatus.Health.valueOf(app.getHealth().getValue()),
        ArgoCdStatus.Operation.valueOf(app.getOperation().getValue()),
        text(app.getTargetRevision()),
        text(app.getSyncedRevision()),
        text(app.getMessage()),
        app.getResources() == null ? 0 : app.getResources(),
        list(app.getAttention()).stream().map(RemoteArgoCd::resource).toList());
  }

  private static ArgoCdStatus.Resource resource(ArgoCdResource resource) {
    return new ArgoCdStatus.Resource(
        text(resource.getObject()),
        ArgoCdStatus.Sync.valueOf(resource.getSync().getValue()),
        ArgoCdStatus.Health.valueOf(resource.getHealth().getValue()));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }
}
