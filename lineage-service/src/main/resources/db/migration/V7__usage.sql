-- Usage: who reads each product, how often, who reads it without asking, and what nobody uses.
-- Reads are counted at ingest, in the ingest's transaction, and kept as a daily rollup so that no
-- query ever scans the raw runs. See docs/usage.md.

-- When the product was last published (its first published version, or a later one); null while
-- no version is PUBLISHED or DEPRECATED. A product published yesterday is not unused.
ALTER TABLE product ADD COLUMN published_at TIMESTAMPTZ;

-- One row per run that read a product: a run counts once however many of its events (START,
-- RUNNING, COMPLETE, repeats, out of order) name it. It counts on the day of the earliest event
-- seen for it; previous_day is the day it counted on before an earlier event moved it, so that the
-- statement moving it can take it off that day's count.
CREATE TABLE usage_read (
    product_id    TEXT        NOT NULL,
    job           TEXT        NOT NULL,   -- namespace/name
    run_id        TEXT        NOT NULL,
    day           DATE        NOT NULL,   -- UTC day of read_at
    previous_day  DATE,
    read_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (product_id, job, run_id)
);

-- Distinct runs per product, job and day: what every usage figure is read from.
CREATE TABLE usage_daily (
    product_id  TEXT NOT NULL,
    day         DATE NOT NULL,
    job         TEXT NOT NULL,
    runs        INT  NOT NULL,
    PRIMARY KEY (product_id, day, job)
);

-- Every job that read a product: when it first and last did. previous_last_read_at is what
-- last_read_at was before the latest change, so ingest can tell a job coming back after a month.
CREATE TABLE usage_job (
    product_id             TEXT        NOT NULL,
    job                    TEXT        NOT NULL,
    first_read_at          TIMESTAMPTZ NOT NULL,
    last_read_at           TIMESTAMPTZ NOT NULL,
    previous_last_read_at  TIMESTAMPTZ,
    PRIMARY KEY (product_id, job)
);
CREATE INDEX usage_job_job_idx ON usage_job (job);

-- The product a job belongs to: the one whose ports its outputs serve, as last seen.
CREATE TABLE usage_job_owner (
    job         TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL
);

-- Access grants that are or were ACTIVE, from tessera.access; requests never granted are not here.
CREATE TABLE usage_grant (
    request_id           TEXT PRIMARY KEY,
    product_id           TEXT        NOT NULL,
    port_name            TEXT,
    consumer_product_id  TEXT,
    consumer_domain_id   TEXT,
    subject              TEXT,
    status               TEXT        NOT NULL,
    active_from          TIMESTAMPTZ NOT NULL,
    active_until         TIMESTAMPTZ
);
CREATE INDEX usage_grant_product_idx ON usage_grant (product_id);

-- Providers of the contracts input ports name, looked up by provider when a product's declared
-- consumers are counted.
CREATE INDEX port_contract_product_idx ON port_contract (product_id);

-- Per product: the counter of its tessera.usage records, what the last one said (so the daily
-- refresh is sent only when counts moved), whether it was last reported unused, and the catalog's
-- latest attention record.
CREATE TABLE usage_product (
    product_id           TEXT PRIMARY KEY,
    sequence             BIGINT  NOT NULL DEFAULT 0,
    reported             TEXT,              -- the counts of the last record sent, null before the first
    refreshed_on         DATE,              -- the day its counts were last checked by the sweep
    unused               BOOLEAN NOT NULL DEFAULT false,
    attention_sequence   BIGINT  NOT NULL DEFAULT 0,
    page_views           BIGINT,
    viewers              BIGINT,
    click_throughs       BIGINT,
    last_viewed_at       TIMESTAMPTZ
);
INSERT INTO usage_product (product_id) SELECT product_id FROM product;

-- Each product's consumers as last announced, by kind: a consumer gaining a kind is announced
-- (CONSUMER_ADDED), and so is one turning shadow (SHADOW_CONSUMER_FOUND). consumer_key is
-- product:<id>, job:<namespace/name> or subject:<user or client>.
CREATE TABLE usage_consumer (
    product_id    TEXT    NOT NULL,
    consumer_key  TEXT    NOT NULL,
    declared      BOOLEAN NOT NULL,
    granted       BOOLEAN NOT NULL,
    observed      BOOLEAN NOT NULL,
    shadow        BOOLEAN NOT NULL,
    PRIMARY KEY (product_id, consumer_key)
);
