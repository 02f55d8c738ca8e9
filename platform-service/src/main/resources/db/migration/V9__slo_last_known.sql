-- The latest known snapshot of each SLO on each cluster, found without walking its unknown ones:
-- the figures shown beside an SLO that is unknown now, after a restart.
CREATE INDEX slo_snapshots_known ON slo_snapshots (service, slo, cluster, at) WHERE state = 'known';
