-- Each SLO's figures on each cluster, as the platform read them from that cluster's Prometheus
-- (every few minutes), for trends and for the last known figures beside an unknown one.
CREATE TABLE slo_snapshots (
    at               INTEGER NOT NULL, -- epoch milliseconds
    cluster          TEXT    NOT NULL,
    service          TEXT    NOT NULL,
    slo              TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('known', 'unknown')),
    error_ratio      REAL,
    budget_remaining REAL,
    burn_1h          REAL,
    burn_6h          REAL,
    burn_3d          REAL,
    reason           TEXT
);
CREATE INDEX slo_snapshots_by_slo ON slo_snapshots (service, slo, cluster, at);
CREATE INDEX slo_snapshots_by_time ON slo_snapshots (at);
