-- Bearer tokens of the platform API. Only a SHA-256 of each token is kept; the token itself is
-- shown once, when it is created.
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created    TEXT NOT NULL
);
