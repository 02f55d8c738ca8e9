-- The fingerprint of each cluster's latest recorded policy decisions (commit, verdicts,
-- findings): an unchanged commit polled again records no new finding rows.
CREATE TABLE policy_fingerprints (
    cluster     TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    updated     TEXT NOT NULL
);

CREATE INDEX sync_runs_by_start ON sync_runs (started);
