package io.fleetgate.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The printable report: the HTML report rendered to PDF (openhtmltopdf), with DejaVu fonts when
 * installed.
 */
final class PdfReport {

  private static final String FONTS = "/usr/share/fonts/truetype/dejavu/";

  private PdfReport() {}

  static void write(ComplianceReport report, OutputStream out) throws IOException {
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    for (String[] font :
        new String[][] {
          {"DejaVuSans.ttf", "DejaVu Sans"}, {"DejaVuSansMono.ttf", "DejaVu Sans Mono"}
        }) {
      File file = new File(FONTS + font[0]);
      if (file.isFile()) {
        builder.useFont(file, font[1]);
      }
    }
    builder.withHtmlContent(HtmlReport.write(report), null);
    builder.toStream(out);
    builder.run();
  }
}
