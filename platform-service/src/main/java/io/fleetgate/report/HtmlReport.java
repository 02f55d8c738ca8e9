package io.fleetgate.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The human report: one self-contained HTML page (inline CSS and SVG charts, no scripts, no
 * external resources), readable on screen and printable, for auditors as much as engineers.
 */
final class HtmlReport {

  /** Evidence rows shown in HTML; machine formats carry all of them. */
  static final int EVIDENCE_ROWS = 5_000;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  static String write(ComplianceReport report) {
    StringBuilder html = new StringBuilder(64 * 1024 + report.evidence().size() * 300);
    ComplianceReport.Scope scope = report.scope();
    html.append(
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/><title>Fleetgate policy audit report</title>\n<style>\n")
        .append(CSS)
        .append(HtmlPatchSection.CSS)
        .append("</style></head><body>\n");
    html.append("<header><h1>Policy audit report</h1><p class=\"muted\">Fleetgate · ")
        .append(esc(TIME.format(scope.from())))
        .append(" – ")
        .append(esc(TIME.format(scope.to())))
        .append(scope.cluster() == null ? " · all clusters" : " · cluster " + esc(scope.cluster()))
        .append(scope.control() == null ? "" : " · control " + esc(scope.control()))
        .append(" · generated ")
        .append(esc(TIME.format(scope.generatedAt())))
        .append("</p></header>\n");
    chain(html, report);
    totals(html, report);
    html.append(
        "<h2>Controls</h2>\n<p class=\"muted\">Each control is checked by the policies listed. <em>Passed</em> counts object evaluations its policies found nothing in; <em>failed</em> counts denials (the object was blocked); <em>waived</em> counts denials accepted by a waiver (the object was applied).</p>\n");
    controls(html, report.controls());
    html.append("<h2>Trend</h2>\n");
    trend(html, report.trend());
    html.append("<h2>Evidence</h2>\n");
    evidence(html, report.evidence());
    HtmlPatchSection.write(html, report.patch());
    html.append(
            "<footer class=\"muted\">Every row above comes from Fleetgate's audit log, whose rows are chained by SHA-256; the chain head at generation time is ")
        .append("<code>")
        .append(esc(report.chain().head()))
        .append("</code>.</footer>\n</body></html>\n");
    return html.toString();
  }

  private static void chain(StringBuilder html, ComplianceReport report) {
    var chain = report.chain();
    if (chain.intact()) {
      html.append("<section class=\"chain ok\"><strong>Audit log verified.</strong> All ")
          .append(chain.rows())
          .append(" rows match their SHA-256 chain; head <code>")
          .append(esc(chain.head()))
          .append("</code>.</section>\n");
    } else {
      html.append("<section class=\"chain broken\"><strong>Audit log tampered with.</strong> ")
          .append(esc(chain.reason()))
          .append(". The ")
          .append(chain.rows())
          .append(" rows before row ")
          .append(chain.brokenAt())
          .append(" verify; evidence after it cannot be trusted.</section>\n");
    }
  }

  private static void totals(StringBuilder html, ComplianceReport report) {
    long failed =
        report.controls().stream().mapToLong(ComplianceReport.ControlSummary::failed).sum();
    long waived =
        report.controls().stream().mapToLong(ComplianceReport.ControlSummary::waived).sum();
    html.append("<div class=\"tiles\"><div><b>")
        .append(report.evaluations())
        .append("</b>object evaluations</div>")
        .append("<div><b>")
        .append(report.evidence().stream().filter(e -> e.outcome().equals("blocked")).count())
        .append("</b>blocking findings</div>")
        .append("<div><b>")
        .append(report.evidence().stream().filter(e -> e.decision().equals("waived")).count())
        .append("</b>findings waived</div>")
        .append("<div><b>")
        .append(report.controls().size())
        .append("</b>controls, ")
        .append(failed)
        .append(" failures, ")
        .append(waived)
        .append(" waivers</div></div>\n");
  }

  private static void controls(StringBuilder html, List<ComplianceReport.ControlSummary> controls) {
    html.append(
        "<table><thead><tr><th>Control</th><th>Policies</th><th class=\"n\">Passed</th><th class=\"n\">Failed</th><th class=\"n\">Waived</th><th>Result</th></tr></thead><tbody>\n");
    for (ComplianceReport.ControlSummary c : controls) {
      long total = Math.max(1, c.passed() + c.failed() + c.waived());
      html.append("<tr><td class=\"ctl\">")
          .append(esc(c.control()))
          .append("</td><td>")
          .append(esc(String.join(", ", c.policies())))
          .append("</td><td class=\"n\">")
          .append(c.passed())
          .append("</td><td class=\"n\">")
          .append(c.failed())
          .append("</td><td class=\"n\">")
          .append(c.waived())
          .append("</td><td>")
          .append(
              bar(
                  c.passed() * 100.0 / total,
                  c.failed() * 100.0 / total,
                  c.waived() * 100.0 / total))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static String bar(double pass, double fail, double waived) {
    return "<div class=\"bar\"><div class=\"pass\" style=\"width:%.2f%%\"></div><div class=\"fail\" style=\"width:%.2f%%\"></div><div class=\"waive\" style=\"width:%.2f%%\"></div></div>"
        .formatted(pass, fail, waived);
  }

  private static void trend(StringBuilder html, List<ComplianceReport.DayTrend> days) {
    if (days.isEmpty()) {
      html.append("<p class=\"muted\">No policy activity in this period.</p>\n");
      return;
    }
    List<ComplianceReport.DayTrend> shown =
        days.subList(Math.max(0, days.size() - 60), days.size());
    long max = Math.max(1, shown.stream().mapToLong(d -> d.failed() + d.waived()).max().orElse(1));
    html.append("<table class=\"trend\"><tr>");
    for (ComplianceReport.DayTrend day : shown) {
      long failed = Math.round(day.failed() * 100.0 / max);
      long waived = Math.round(day.waived() * 100.0 / max);
      html.append("<td title=\"")
          .append(day.day())
          .append(": ")
          .append(day.failed())
          .append(" failed, ")
          .append(day.waived())
          .append(" waived\">")
          .append("<div class=\"col\"><div class=\"waive\" style=\"height:")
          .append(waived)
          .append("px\"></div><div class=\"fail\" style=\"height:")
          .append(failed)
          .append("px\"></div></div><span>")
          .append(day.day().toString().substring(5))
          .append("</span><span class=\"muted\">")
          .append(day.failed())
          .append("/")
          .append(day.waived())
          .append("</span></td>");
    }
    html.append(
        "</tr></table>\n<p class=\"legend\"><span class=\"sw fail\"></span>failed (blocked) <span class=\"sw waive\"></span>waived (applied); per day, failed/waived</p>\n");
  }

  private static void evidence(StringBuilder html, List<ComplianceReport.Evidence> evidence) {
    if (evidence.isEmpty()) {
      html.append(
          "<p class=\"muted\">No findings in this period: every evaluated object passed.</p>\n");
      return;
    }
    if (evidence.size() > EVIDENCE_ROWS) {
      html.append("<p class=\"muted\">The latest ")
          .append(EVIDENCE_ROWS)
          .append(" of ")
          .append(evidence.size())
          .append(
              " findings are listed; the JSON, SARIF and OpenReports formats carry all of them.</p>\n");
    }
    html.append(
        "<table class=\"evidence\"><thead><tr><th>When, commit, author</th><th>Cluster and object</th><th>Policy and controls</th><th>Decision</th><th>Finding</th></tr></thead><tbody>\n");
    for (ComplianceReport.Evidence e :
        evidence.subList(Math.max(0, evidence.size() - EVIDENCE_ROWS), evidence.size())) {
      html.append("<tr class=\"")
          .append(e.outcome())
          .append("\"><td>")
          .append(esc(TIME.format(e.time())))
          .append("<br/><code>")
          .append(esc(e.commit().length() > 12 ? e.commit().substring(0, 12) : e.commit()))
          .append("</code><br/>")
          .append(esc(e.author()))
          .append("</td><td>")
          .append(esc(e.cluster()))
          .append("<br/><b>")
          .append(esc(e.object()))
          .append("</b><br/><span class=\"muted\">")
          .append(esc(e.source()))
          .append("</span></td><td>")
          .append(esc(e.policy()))
          .append(" <span class=\"muted\">")
          .append(esc(e.severity()))
          .append("</span><br/><span class=\"ctl\">")
          .append(esc(String.join(", ", e.controls())))
          .append("</span></td><td class=\"decision\"><b>")
          .append(esc(e.decision()))
          .append("</b><br/>")
          .append(esc(e.outcome()))
          .append("</td><td>")
          .append(esc(e.message()))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String CSS =
      """
      body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:13px;color:#1f2328;margin:32px;max-width:1200px}
      h1{font-size:24px;margin:0}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
      .muted{color:#656d76}code{font-family:"DejaVu Sans Mono",monospace;font-size:11px;word-break:break-all}
      .chain{padding:10px 14px;border-radius:6px;margin:16px 0}.chain.ok{background:#dafbe1;border:1px solid #4ac26b}
      .chain.broken{background:#ffebe9;border:1px solid #ff8182}
      .tiles{margin:12px 0}.tiles div{display:inline-block;width:20%;margin-right:1%;border:1px solid #d0d7de;border-radius:6px;padding:10px;vertical-align:top}
      .tiles b{display:block;font-size:22px}
      table{border-collapse:collapse;width:100%;margin-top:8px}th,td{border-bottom:1px solid #d0d7de;padding:5px 6px;text-align:left;vertical-align:top}
      th{background:#f6f8fa;font-size:12px}td.n,th.n{text-align:right}
      .bar{width:160px;height:10px;background:#eaeef2;white-space:nowrap;font-size:0}.bar div{display:inline-block;height:10px}
      .pass{background:#2da44e}.fail{background:#cf222e}.waive{background:#d4a72c}
      table.trend{width:auto}table.trend td{border:none;vertical-align:bottom;text-align:center;font-size:9px;padding:0 3px}
      table.trend .col{width:16px;margin:0 auto}table.trend span{display:block}
      .legend .sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}.sw.fail{background:#cf222e}.sw.waive{background:#d4a72c}
      table.evidence{font-size:10px}tr.blocked td.decision{color:#cf222e}tr.applied td.decision{color:#9a6700}
      td.ctl,span.ctl{white-space:nowrap}td.ctl{font-weight:bold}
      footer{margin-top:24px;font-size:11px}
      @page{size:A4 landscape;margin:12mm}
      @media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
      """;
}
