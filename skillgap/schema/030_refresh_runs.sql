-- One row per refresh (ingest -> extract -> aggregate), written inside the refresh's own staged copy
-- so a refresh that did not land leaves no row behind.
CREATE TABLE refresh_runs (
    refresh_id     VARCHAR PRIMARY KEY,
    flow_run_id    VARCHAR,
    exports_dir    VARCHAR,
    started_at     TIMESTAMP NOT NULL,
    finished_at    TIMESTAMP NOT NULL,
    summary        JSON NOT NULL
);
