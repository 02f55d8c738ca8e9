package io.fleetgate.console.reports;

import java.time.LocalDate;

/** Where audit reports are generated and fetched from; may block on the network. */
public interface ReportSource {

  /**
   * @param cluster null for all clusters
   * @param control null for all controls
   */
  record Request(String format, LocalDate from, LocalDate to, String cluster, String control) {}

  /** A generated report: its id on the platform and what it holds. */
  record Generated(String id, String format, long bytes, long findings, boolean chainIntact) {}

  Generated generate(Request request);

  /** The report file's bytes. */
  byte[] download(String id);
}
