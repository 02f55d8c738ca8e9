package io.fleetgate.report;

import static io.fleetgate.report.HtmlReport.esc;

import io.fleetgate.patch.ClusterPatchState;
import io.fleetgate.patch.LevelRow;
import io.fleetgate.patch.PatchMatrix;
import io.fleetgate.report.patch.MatrixPart;
import io.fleetgate.report.patch.PatchSection;
import io.fleetgate.report.patch.RolloutHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The HTML of the report's patch section: facts for PCI-DSS 6.3.3, no verdict. */
final class HtmlPatchSection {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** In tables whose headers say UTC. */
  private static final DateTimeFormatter CELL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private HtmlPatchSection() {}

  static void write(StringBuilder html, PatchSection section) {
    if (!(section instanceof PatchSection.Included included)) {
      return;
    }
    html.append("<h2 id=\"patches\">Patch evidence (")
        .append(esc(PatchSection.REQUIREMENT))
        .append(")</h2>\n<p class=\"muted\">Requirement 6.3.3: <q>")
        .append(esc(PatchSection.REQUIREMENT_TEXT))
        .append(
            "</q> This section states the fleet's patch levels and the patch rollouts recorded in"
                + " the audit log; whether they satisfy the requirement is for the assessor to"
                + " judge.</p>\n");
    matrix(html, included.matrix());
    html.append("<h3>Patch rollouts in this period</h3>\n");
    if (included.rollouts().isEmpty()) {
      html.append(
          "<p class=\"muted\">The audit log records no patch rollout in this period.</p>\n");
    }
    for (RolloutHistory rollout : included.rollouts()) {
      rollout(html, rollout);
    }
  }

  private static void matrix(StringBuilder html, MatrixPart part) {
    switch (part) {
      case MatrixPart.NotRead notRead ->
          html.append(
                  "<h3>Patch matrix at report time</h3>\n<p class=\"notread\"><b>Not read:</b> ")
              .append(esc(notRead.reason()))
              .append(". The rollouts' history below comes from the audit log all the same.</p>\n");
      case MatrixPart.Read read -> read(html, read);
    }
  }

  private static void read(StringBuilder html, MatrixPart.Read read) {
    PatchMatrix matrix = read.matrix();
    html.append("<h3>Patch matrix at ")
        .append(esc(TIME.format(read.at())))
        .append("</h3>\n<p>")
        .append(
            matrix.target().names()
                ? "Judged against <b>"
                    + esc(matrix.target().describe())
                    + "</b> ("
                    + esc(read.targetSource())
                    + "); a node is up to date when it is Ready and matches every part."
                : "No target named: nodes counted, not judged.")
        .append(
            "</p>\n<table class=\"matrix\"><thead><tr><th>Cluster</th><th class=\"n\">Up to"
                + " date</th><th>Kubernetes</th><th>Kernel</th><th>OS image</th><th class=\"n\">Nodes"
                + "</th><th class=\"n\">Up to date</th><th class=\"n\">Not ready</th><th class=\"n\">"
                + "Cordoned</th></tr></thead><tbody>\n");
    for (ClusterPatchState cluster : matrix.clusters()) {
      switch (cluster) {
        case ClusterPatchState.Counted c -> counted(html, c);
        case ClusterPatchState.Unreachable u ->
            html.append("<tr class=\"unreachable\"><td>")
                .append(esc(u.cluster()))
                .append("</td><td class=\"n\">unknown</td><td colspan=\"7\"><b>Unreachable:</b> ")
                .append(esc(u.reason()))
                .append("</td></tr>\n");
      }
    }
    for (String problem : matrix.notRead()) {
      html.append("<tr class=\"unreachable\"><td colspan=\"2\">not read</td><td colspan=\"7\">")
          .append(esc(problem))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static void counted(StringBuilder html, ClusterPatchState.Counted c) {
    String summary = c.judged() ? c.upToDate() + " / " + c.nodes() : "– / " + c.nodes();
    String behind = c.behind() ? " class=\"behind\"" : "";
    if (c.levels().isEmpty()) {
      html.append("<tr")
          .append(behind)
          .append("><td>")
          .append(esc(c.cluster()))
          .append("</td><td class=\"n\">")
          .append(summary)
          .append("</td><td colspan=\"7\" class=\"muted\">no nodes</td></tr>\n");
    }
    boolean first = true;
    for (LevelRow row : c.levels()) {
      html.append("<tr")
          .append(behind)
          .append("><td>")
          .append(first ? esc(c.cluster()) : "")
          .append("</td><td class=\"n\">")
          .append(first ? summary : "")
          .append("</td><td>")
          .append(esc(row.level().kubernetesVersion()))
          .append("</td><td>")
          .append(esc(row.level().kernelVersion()))
          .append("</td><td>")
          .append(esc(row.level().osImage()))
          .append("</td><td class=\"n\">")
          .append(row.nodes())
          .append("</td><td class=\"n\">")
          .append(c.judged() ? Integer.toString(row.upToDate()) : "–")
          .append("</td><td class=\"n\">")
          .append(row.notReady())
          .append("</td><td class=\"n\">")
          .append(row.cordoned())
          .append("</td></tr>\n");
      first = false;
    }
  }

  private static void rollout(StringBuilder html, RolloutHistory r) {
    html.append("<h4>")
        .append(esc(r.rollout()))
        .append(" — ")
        .append(esc(r.state().word()))
        .append("</h4>\n<p>")
        .append(
            r.started() == null
                ? "Started before this period"
                : "Started "
                    + esc(TIME.format(r.started()))
                    + " by "
                    + esc(orUnknown(r.startedBy())))
        .append("; last step ")
        .append(esc(TIME.format(r.lastStep())))
        .append(".</p>\n");
    if (!r.waves().isEmpty()) {
      html.append(
          "<table class=\"waves\"><thead><tr><th>Wave</th><th>Started (UTC)</th><th>Done (UTC)</th><th class=\"n\">Took</th><th>Held for</th></tr></thead><tbody>\n");
      for (RolloutHistory.WaveSpan w : r.waves()) {
        html.append("<tr><td>")
            .append(esc(w.wave()))
            .append("</td><td>")
            .append(time(w.started()))
            .append("</td><td>")
            .append(time(w.done()))
            .append("</td><td class=\"n\">")
            .append(took(w.took()))
            .append("</td><td>")
            .append(esc(String.join("; ", w.holds())))
            .append("</td></tr>\n");
      }
      html.append("</tbody></table>\n");
    }
    if (!r.clusters().isEmpty()) {
      html.append(
          "<table class=\"clusters\"><thead><tr><th>Cluster</th><th>Wave</th><th>Change</th><th>Patching from (UTC)</th><th>Done or failed (UTC)</th><th class=\"n\">Took</th><th>Outcome</th><th>Restored (UTC)</th></tr></thead><tbody>\n");
      for (RolloutHistory.ClusterSpan c : r.clusters()) {
        html.append("<tr class=\"")
            .append(c.outcome().word())
            .append("\"><td class=\"nw\">")
            .append(esc(c.cluster()))
            .append("</td><td>")
            .append(esc(c.wave()))
            .append("</td><td class=\"change\">")
            .append(esc(c.change()))
            .append("</td><td class=\"nw\">")
            .append(time(c.patched()))
            .append("</td><td class=\"nw\">")
            .append(time(c.settled()))
            .append("</td><td class=\"n nw\">")
            .append(took(c.took()))
            .append("</td><td class=\"outcome\"><b>")
            .append(esc(c.outcome().word()))
            .append("</b><br/>")
            .append(esc(c.detail()))
            .append("</td><td class=\"nw\">")
            .append(time(c.restored()))
            .append("</td></tr>\n");
      }
      html.append("</tbody></table>\n");
    }
    if (!r.approvals().isEmpty()) {
      html.append("<p><b>Approvals:</b> ");
      boolean first = true;
      for (RolloutHistory.Approval a : r.approvals()) {
        html.append(first ? "" : "; ")
            .append("wave ")
            .append(esc(a.wave()))
            .append(" by ")
            .append(esc(orUnknown(a.by())))
            .append(" for group ")
            .append(esc(orUnknown(a.group())))
            .append(" at ")
            .append(esc(TIME.format(a.at())));
        first = false;
      }
      html.append("</p>\n");
    }
    if (!r.interruptions().isEmpty()) {
      html.append("<p><b>Halts, pauses and roll backs:</b></p><ul class=\"interruptions\">\n");
      for (RolloutHistory.Interruption i : r.interruptions()) {
        html.append("<li>")
            .append(esc(TIME.format(i.at())))
            .append(" <b>")
            .append(esc(i.kind().replace('_', ' ')))
            .append("</b>")
            .append(i.wave().isEmpty() ? "" : " in wave " + esc(i.wave()))
            .append(": ")
            .append(esc(i.reason()))
            .append("</li>\n");
      }
      html.append("</ul>\n");
    }
  }

  private static String orUnknown(String text) {
    return text.isEmpty() ? "unknown" : text;
  }

  private static String time(Instant at) {
    return at == null ? "<span class=\"muted\">–</span>" : esc(CELL.format(at));
  }

  private static String took(Duration took) {
    if (took == null) {
      return "–";
    }
    long s = took.toSeconds();
    return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
  }

  static final String CSS =
      """
      h3{font-size:14px;margin-top:18px}h4{font-size:13px;margin:16px 0 4px}
      .notread{padding:8px 12px;background:#fff8c5;border:1px solid #d4a72c;border-radius:6px}
      table.matrix tr.behind td{background:#fff8f0}table.matrix tr.unreachable td{background:#ffebe9}
      table.waves,table.clusters{font-size:11px}tr.failed td.outcome{color:#cf222e}
      tr.restored td.outcome,tr.restoring td.outcome{color:#9a6700}tr.done td.outcome{color:#1a7f37}
      ul.interruptions{margin:4px 0;padding-left:20px}td.nw{white-space:nowrap}td.outcome{width:22%}td.change{width:26%}
      """;
}
