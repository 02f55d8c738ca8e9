-- Whether each bundle pruned when a cluster last synced with it declared in fleet.yaml: a bundle
-- removed from fleet.yaml is judged by the setting it had, so removing a bundle that does not
-- prune never deletes its objects.
CREATE TABLE bundle_pruning (
    cluster TEXT NOT NULL,
    bundle  TEXT NOT NULL,
    prune   INTEGER NOT NULL,
    PRIMARY KEY (cluster, bundle)
);
