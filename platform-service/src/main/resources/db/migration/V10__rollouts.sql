-- Patch rollouts: each rollout's state between steps and restarts. The audit log holds its steps.
CREATE TABLE rollouts (
    name        TEXT PRIMARY KEY,
    version     INTEGER NOT NULL,
    target      TEXT NOT NULL,
    phase       TEXT NOT NULL,
    wave        INTEGER NOT NULL,
    wave_status TEXT NOT NULL,
    soak_until  TEXT,
    reason      TEXT NOT NULL,
    since       TEXT NOT NULL,
    updated     TEXT NOT NULL
);

-- Each cluster a rollout reached, in the order it reached them, with what it declared before.
CREATE TABLE rollout_clusters (
    rollout             TEXT NOT NULL REFERENCES rollouts (name) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    cluster             TEXT NOT NULL,
    status              TEXT NOT NULL,
    had_previous        INTEGER NOT NULL,
    previous_kubernetes TEXT,
    previous_kernel     TEXT,
    previous_os_image   TEXT,
    since               TEXT NOT NULL,
    reason              TEXT NOT NULL,
    PRIMARY KEY (rollout, cluster)
);

-- The approvals given, for any wave.
CREATE TABLE rollout_approvals (
    rollout    TEXT NOT NULL REFERENCES rollouts (name) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    wave       TEXT NOT NULL,
    approver   TEXT NOT NULL,
    group_name TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (rollout, position)
);

-- A rollout's steps, newest first, without walking the whole audit log.
CREATE INDEX audit_log_object ON audit_log (object, sequence);

-- The groups an API token's holder belongs to (comma-separated), for approvals.
ALTER TABLE api_tokens ADD COLUMN groups TEXT NOT NULL DEFAULT '';
