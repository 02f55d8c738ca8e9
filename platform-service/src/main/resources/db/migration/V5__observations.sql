-- The health of observed objects after each cluster's sync, and the Warning events about them.
CREATE TABLE object_health (
    run_id  INTEGER NOT NULL REFERENCES sync_runs (id),
    cluster TEXT NOT NULL,
    object  TEXT NOT NULL,
    source  TEXT NOT NULL,
    status  TEXT NOT NULL,
    message TEXT NOT NULL
);

CREATE INDEX object_health_by_cluster ON object_health (cluster, run_id);

CREATE TABLE object_events (
    run_id  INTEGER NOT NULL REFERENCES sync_runs (id),
    cluster TEXT NOT NULL,
    object  TEXT NOT NULL,
    reason  TEXT NOT NULL,
    message TEXT NOT NULL,
    count   INTEGER NOT NULL
);

CREATE INDEX object_events_by_cluster ON object_events (cluster, run_id);
CREATE INDEX object_results_by_cluster ON object_results (cluster, run_id);
