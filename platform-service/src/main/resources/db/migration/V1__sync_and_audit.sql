-- The append-only audit chain. Rows are never updated or deleted by Fleetgate.
CREATE TABLE audit_log (
    sequence      INTEGER PRIMARY KEY,
    time          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    cluster       TEXT NOT NULL,
    bundle        TEXT NOT NULL,
    commit_id     TEXT NOT NULL,
    object        TEXT NOT NULL,
    decision      TEXT NOT NULL,
    detail        TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL
);

-- What Fleetgate applied, per cluster and bundle: the only objects it may prune.
CREATE TABLE inventory (
    cluster      TEXT NOT NULL,
    bundle       TEXT NOT NULL,
    api_group    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    namespace    TEXT NOT NULL,
    name         TEXT NOT NULL,
    api_version  TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source       TEXT NOT NULL,
    PRIMARY KEY (cluster, bundle, api_group, kind, namespace, name)
);

-- One row per sync of the fleet, and one per cluster within it.
CREATE TABLE sync_runs (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    started   TEXT NOT NULL,
    finished  TEXT,
    commit_id TEXT NOT NULL,
    stale     INTEGER NOT NULL DEFAULT 0,
    source    TEXT NOT NULL
);

CREATE TABLE cluster_results (
    run_id    INTEGER NOT NULL REFERENCES sync_runs (id),
    cluster   TEXT NOT NULL,
    outcome   TEXT NOT NULL,
    applied   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    pruned    INTEGER NOT NULL,
    failed    INTEGER NOT NULL,
    detail    TEXT NOT NULL,
    PRIMARY KEY (run_id, cluster)
);

-- The last commit that rendered and was fetched successfully, per source.
CREATE TABLE source_state (
    source           TEXT PRIMARY KEY,
    last_good_commit TEXT NOT NULL,
    updated          TEXT NOT NULL
);
