-- What happened to each object in a run: everything except objects left unchanged.
CREATE TABLE object_results (
    run_id  INTEGER NOT NULL REFERENCES sync_runs (id),
    cluster TEXT NOT NULL,
    object  TEXT NOT NULL,
    bundle  TEXT NOT NULL,
    source  TEXT NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT NOT NULL
);

CREATE INDEX object_results_by_run ON object_results (run_id, cluster);
