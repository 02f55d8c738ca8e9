-- Whether each bundle pruned in the latest revision of fleet.yaml that declared it: a bundle
-- removed from fleet.yaml is judged by the setting it last had, on every cluster, so removing a
-- bundle that does not prune never deletes its objects.
CREATE TABLE bundle_pruning (
    bundle TEXT PRIMARY KEY,
    prune  INTEGER NOT NULL
);
