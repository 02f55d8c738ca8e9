-- Who committed what: the evidence reports show next to every decision.
CREATE TABLE revisions (
    commit_id TEXT PRIMARY KEY,
    author    TEXT NOT NULL,
    time      TEXT NOT NULL,
    message   TEXT NOT NULL
);
