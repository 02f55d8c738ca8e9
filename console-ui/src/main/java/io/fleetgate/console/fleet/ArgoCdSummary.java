package io.fleetgate.console.fleet;

import io.fleetgate.api.ArgoCdStatus;
import io.fleetgate.api.ArgoCdStatus.Application;
import java.util.List;
import java.util.Locale;

/**
 * Argo CD's view of a cluster in words, in Argo CD's own vocabulary (Synced, OutOfSync, Healthy,
 * Progressing…), so that someone who knows Argo CD's UI reads the console at a glance.
 */
public final class ArgoCdSummary {

  /** Applications named in the summary line at most; the counts cover every one. */
  static final int NAMED = 3;

  private ArgoCdSummary() {}

  /** The most of one text from the platform the line above the table shows. */
  static final int LONGEST = 300;

  /** The line above the table; empty when the platform does not sync through Argo CD. */
  public static String of(ArgoCdStatus.Report report) {
    return cut(line(report));
  }

  /**
   * At most {@link #LONGEST} characters of one line: a proxy's HTML error page or a hostile message
   * never pushes the table off screen.
   */
  static String cut(String text) {
    String line = text == null ? "" : text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").strip();
    return line.length() > LONGEST ? line.substring(0, LONGEST) + "…" : line;
  }

  private static String line(ArgoCdStatus.Report report) {
    String where = report.server().isEmpty() ? "Argo CD" : "Argo CD at " + report.server();
    return switch (report.state()) {
      case NOT_DRIVEN -> "";
      case UNREADABLE -> where + " could not be read: " + report.problem();
      case READ -> read(where, report);
    };
  }

  private static String read(String where, ArgoCdStatus.Report report) {
    List<Application> apps = report.applications();
    if (apps.isEmpty()) {
      return where
          + " · no Application for "
          + report.cluster()
          + " yet: nothing was delivered to it through Argo CD";
    }
    long synced = apps.stream().filter(a -> a.sync() == ArgoCdStatus.Sync.SYNCED).count();
    long healthy = apps.stream().filter(a -> a.health() == ArgoCdStatus.Health.HEALTHY).count();
    StringBuilder text =
        new StringBuilder(where)
            .append(" · ")
            .append(apps.size())
            .append(apps.size() == 1 ? " Application · " : " Applications · ")
            .append(synced)
            .append(" Synced · ")
            .append(healthy)
            .append(" Healthy");
    List<String> attention =
        apps.stream().filter(a -> !settled(a)).map(a -> a.name() + " " + state(a)).toList();
    if (!attention.isEmpty()) {
      text.append(" · ")
          .append(String.join(", ", attention.subList(0, Math.min(NAMED, attention.size()))));
      if (attention.size() > NAMED) {
        text.append(" and ").append(attention.size() - NAMED).append(" more");
      }
    }
    return text.toString();
  }

  /** Synced, Healthy, and its last operation did not fail. */
  public static boolean settled(Application app) {
    return app.sync() == ArgoCdStatus.Sync.SYNCED
        && app.health() == ArgoCdStatus.Health.HEALTHY
        && app.operation() != ArgoCdStatus.Operation.FAILED
        && app.operation() != ArgoCdStatus.Operation.ERROR;
  }

  private static String state(Application app) {
    return "(" + sync(app.sync()) + ", " + word(app.health().name()) + ")";
  }

  public static String sync(ArgoCdStatus.Sync sync) {
    return sync == ArgoCdStatus.Sync.OUT_OF_SYNC ? "OutOfSync" : word(sync.name());
  }

  public static String health(ArgoCdStatus.Health health) {
    return word(health.name());
  }

  public static String operation(ArgoCdStatus.Operation operation) {
    return operation == ArgoCdStatus.Operation.NONE ? "none yet" : word(operation.name());
  }

  /** Argo CD's message, then the resources that need attention, at most {@link #NAMED}. */
  public static String message(Application app) {
    StringBuilder text = new StringBuilder(app.message());
    List<ArgoCdStatus.Resource> attention = app.attention();
    if (!attention.isEmpty()) {
      if (!text.isEmpty()) {
        text.append(" · ");
      }
      text.append(
              attention.size() == 1
                  ? "1 resource needs"
                  : (attention.size() >= Application.MAX_ATTENTION ? "at least " : "")
                      + attention.size()
                      + " resources need")
          .append(" attention: ");
      for (int i = 0; i < Math.min(NAMED, attention.size()); i++) {
        ArgoCdStatus.Resource r = attention.get(i);
        text.append(i == 0 ? "" : ", ")
            .append(r.object())
            .append(" (")
            .append(sync(r.sync()))
            .append(", ")
            .append(health(r.health()))
            .append(')');
      }
      if (attention.size() > NAMED) {
        text.append(" and ").append(attention.size() - NAMED).append(" more");
      }
    }
    return text.toString();
  }

  /** The first 12 characters of a commit. */
  public static String revision(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  private static String word(String constant) {
    return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
  }
}
