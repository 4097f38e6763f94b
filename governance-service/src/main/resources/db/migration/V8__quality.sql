-- Quality of output ports (ADR 0012). Every check result is kept in quality_result; readers never
-- scan it: the latest result per check (quality_check_latest) and a daily rollup per port
-- (quality_daily) answer summaries and trends, port and product rows hold the decided statuses.

-- Every check result as it arrived: contract rules decided from reported facts, producers' own
-- assertions, and results pushed over the API.
CREATE TABLE quality_result (
    id              BIGSERIAL PRIMARY KEY,
    product_id      TEXT        NOT NULL,
    port            TEXT        NOT NULL,
    check_id        TEXT        NOT NULL,
    -- CONTRACT_RULE, ASSERTION or PUSHED.
    source          TEXT        NOT NULL,
    -- PASS, FAIL or UNKNOWN.
    outcome         TEXT        NOT NULL,
    observed        TEXT,
    operator        TEXT,
    threshold       TEXT,
    unit            TEXT,
    name            TEXT,
    column_name     TEXT,
    severity        TEXT,
    observed_at     TIMESTAMPTZ NOT NULL,
    run_id          TEXT,
    -- Lineage's id of the stored OpenLineage event that reported it.
    event_id        TEXT,
    observation_id  TEXT,
    -- The tool that pushed it, for PUSHED results.
    tool            TEXT,
    recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX quality_result_check_idx ON quality_result (product_id, port, check_id, observed_at DESC);

-- The latest result of every check: the one with the greatest (decided, observed_at, observation)
-- key, so redelivered and reordered results leave the same row. A decided result (PASS or FAIL)
-- outranks UNKNOWN: a rule the facts cannot decide stays decided by the last result that could.
CREATE TABLE quality_check_latest (
    product_id      TEXT        NOT NULL,
    port            TEXT        NOT NULL,
    check_id        TEXT        NOT NULL,
    source          TEXT        NOT NULL,
    outcome         TEXT        NOT NULL,
    observed        TEXT,
    operator        TEXT,
    threshold       TEXT,
    unit            TEXT,
    name            TEXT,
    column_name     TEXT,
    severity        TEXT,
    observed_at     TIMESTAMPTZ NOT NULL,
    run_id          TEXT,
    event_id        TEXT,
    observation_id  TEXT        NOT NULL,
    PRIMARY KEY (product_id, port, check_id)
);

-- Passed and failed results per port and day (UTC) of observation: the 30-day trend.
CREATE TABLE quality_daily (
    product_id  TEXT NOT NULL,
    port        TEXT NOT NULL,
    day         DATE NOT NULL,
    passed      BIGINT NOT NULL,
    failed      BIGINT NOT NULL,
    PRIMARY KEY (product_id, port, day)
);

-- The decided status of every port that was observed, with its freshness.
CREATE TABLE quality_port (
    product_id      TEXT        NOT NULL,
    port            TEXT        NOT NULL,
    -- PASSING, FAILING, STALE or UNKNOWN.
    status          TEXT        NOT NULL,
    -- FRESH, STALE or UNKNOWN.
    freshness       TEXT        NOT NULL,
    last_write_at   TIMESTAMPTZ,
    sla             TEXT,
    deadline        TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (product_id, port)
);
-- The freshness watch looks for ports whose deadline passed and that are not STALE yet.
CREATE INDEX quality_port_deadline_idx ON quality_port (deadline) WHERE freshness <> 'STALE';

-- The decided status of every product that was observed, and the counter of its status events.
CREATE TABLE quality_product (
    product_id       TEXT PRIMARY KEY,
    domain_id        TEXT,
    status           TEXT        NOT NULL,
    sequence         BIGINT      NOT NULL,
    last_checked_at  TIMESTAMPTZ,
    last_passed_at   TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- A failing check is one incident until a result passes it again: at most one OPEN per check.
CREATE TABLE quality_incident (
    id           BIGSERIAL PRIMARY KEY,
    product_id   TEXT        NOT NULL,
    port         TEXT        NOT NULL,
    check_id     TEXT        NOT NULL,
    name         TEXT,
    observed     TEXT,
    status       TEXT        NOT NULL,
    opened_at    TIMESTAMPTZ NOT NULL,
    closed_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX quality_incident_open_idx ON quality_incident (product_id, port, check_id)
    WHERE status = 'OPEN';
CREATE INDEX quality_incident_product_idx ON quality_incident (product_id, id DESC);

-- Datasets lineage reported quality for that serve no product's port, for officers to map.
CREATE TABLE quality_unmapped (
    dataset_name   TEXT PRIMARY KEY,
    names          JSONB,
    last_seen_at   TIMESTAMPTZ NOT NULL,
    observations   BIGINT      NOT NULL,
    last_facts     JSONB       NOT NULL
);
CREATE INDEX quality_unmapped_seen_idx ON quality_unmapped (last_seen_at DESC);
