package io.fleetgate.store.sqlite;

import io.fleetgate.audit.AuditEntry;
import io.fleetgate.audit.AuditEvent;
import io.fleetgate.audit.AuditLog;
import io.fleetgate.inventory.Inventory;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.store.SyncRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Fleetgate's records in {@code DATA_DIR/fleetgate.db}: the audit log, the inventory and sync runs,
 * over one SQLite database (one writer). A process killed mid-write loses no committed row and
 * leaves no half row.
 */
public final class SqliteStore
    implements AuditLog, io.fleetgate.audit.AuditHeads, Inventory, SyncRuns, AutoCloseable {

  public static final String FILE = "fleetgate.db";

  private final SqliteDatabase db;
  private final SqliteAuditLog audit;
  private final SqliteInventory inventory;
  private final SqliteSyncRuns runs;

  private SqliteStore(SqliteDatabase db) {
    this.db = db;
    this.audit = new SqliteAuditLog(db);
    this.inventory = new SqliteInventory(db, audit);
    this.runs = new SqliteSyncRuns(db);
  }

  /** Opens (creating and migrating as needed) the database in the data directory. */
  public static SqliteStore open(Path dataDir, Clock clock) {
    return new SqliteStore(SqliteDatabase.open(dataDir.resolve(FILE), clock));
  }

  public Path file() {
    return db.file();
  }

  SqliteDatabase database() {
    return db;
  }

  /** The revisions Fleetgate fetched, newest first. */
  public List<io.fleetgate.domain.Revision> revisions(int limit) {
    return runs.revisions(limit);
  }

  /** Records one evaluation's SLO snapshots, forgetting those older than {@code keepAfter}. */
  public void recordSloSnapshots(
      List<io.fleetgate.store.SloSnapshot> snapshots, java.time.Instant keepAfter) {
    new SqliteSloSnapshots(db).record(snapshots, keepAfter);
  }

  /**
   * The latest known snapshot of every SLO on every cluster since {@code since}, by {@code
   * service/slo/cluster}: the figures beside an SLO unknown now, after a restart.
   */
  public java.util.Map<String, io.fleetgate.api.SloStatus.Point> lastKnownSlos(
      java.time.Instant since) {
    return new SqliteSloSnapshots(db).lastKnown(since);
  }

  /** One SLO's snapshots between two times, per cluster oldest first, at most {@code limit}. */
  public List<io.fleetgate.api.SloStatus.Point> sloSnapshots(
      String service,
      String slo,
      String cluster,
      java.time.Instant from,
      java.time.Instant to,
      int limit) {
    return new SqliteSloSnapshots(db).points(service, slo, cluster, from, to, limit);
  }

  /** The API tokens. */
  /** The rollouts' states, saved with their audit events. */
  public io.fleetgate.rollout.run.RolloutRecords rollouts() {
    return new SqliteRollouts(db, audit);
  }

  public io.fleetgate.auth.TokenStore tokens() {
    return new SqliteTokens(db);
  }

  /** Audit rows after a sequence number, oldest first, at most {@code limit}. */
  public List<AuditEntry> entries(long afterSequence, int limit) {
    return audit.entries(afterSequence, limit);
  }

  /** The audit log's history for reports. */
  public io.fleetgate.report.AuditHistory history() {
    return new SqliteAuditHistory(db);
  }

  @Override
  public List<AuditEntry> append(List<AuditEvent> events) {
    return audit.append(events);
  }

  @Override
  public Verification verify() {
    return audit.verify();
  }

  @Override
  public io.fleetgate.audit.AuditHead head() {
    return audit.head();
  }

  @Override
  public Optional<String> hashAt(long sequence) {
    return audit.hashAt(sequence);
  }

  @Override
  public List<InventoryEntry> applied(String cluster) {
    return inventory.applied(cluster);
  }

  @Override
  public void commit(
      String cluster, io.fleetgate.inventory.InventoryChange change, List<AuditEvent> events) {
    inventory.commit(cluster, change, events);
  }

  @Override
  public java.util.Map<String, Boolean> pruning() {
    return inventory.pruning();
  }

  @Override
  public void rememberPruning(java.util.Map<String, Boolean> pruning) {
    inventory.rememberPruning(pruning);
  }

  @Override
  public void rekey(String from, String to) {
    inventory.rekey(from, to);
  }

  @Override
  public long start(String commit, boolean stale, String source) {
    return runs.start(commit, stale, source);
  }

  @Override
  public void recordCluster(long runId, ClusterResult result) {
    runs.recordCluster(runId, result);
  }

  @Override
  public void finish(long runId) {
    runs.finish(runId);
  }

  @Override
  public void recordObjects(long runId, String cluster, List<ObjectRecord> objects) {
    runs.recordObjects(runId, cluster, objects);
  }

  @Override
  public void recordObservation(long runId, String cluster, Observed observed) {
    runs.recordObservation(runId, cluster, observed);
  }

  @Override
  public Observed latestObservation(String cluster) {
    return runs.latestObservation(cluster);
  }

  @Override
  public Optional<String> policyFingerprint(String cluster) {
    return runs.policyFingerprint(cluster);
  }

  @Override
  public void recordPolicyFingerprint(String cluster, String fingerprint) {
    runs.recordPolicyFingerprint(cluster, fingerprint);
  }

  @Override
  public int forgetRunsBefore(java.time.Instant cutoff) {
    return runs.forgetRunsBefore(cutoff);
  }

  @Override
  public List<ObjectRecord> latestObjects(String cluster) {
    return runs.latestObjects(cluster);
  }

  @Override
  public void recordRevision(io.fleetgate.domain.Revision revision) {
    runs.recordRevision(revision);
  }

  @Override
  public Optional<String> lastGoodCommit(String source) {
    return runs.lastGoodCommit(source);
  }

  @Override
  public void recordGoodCommit(String source, String commit) {
    runs.recordGoodCommit(source, commit);
  }

  @Override
  public Optional<Run> latestRun() {
    return runs.latestRun();
  }

  @Override
  public List<ClusterResult> latestResults() {
    return runs.latestResults();
  }

  @Override
  public void close() {
    db.close();
  }
}
