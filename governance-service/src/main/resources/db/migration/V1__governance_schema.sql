-- Governance store: policies with their history, the latest product state per product (so every
-- product can be re-evaluated when a policy changes), evaluations and scores, lineage edges (who
-- consumes what) and the consumer's processed-event log.

CREATE TABLE policy (
    id            TEXT PRIMARY KEY,
    name          TEXT        NOT NULL,
    description   TEXT,
    -- 'GLOBAL' or the id of the one domain the policy applies to.
    scope         TEXT        NOT NULL,
    severity      TEXT        NOT NULL,
    weight        INT         NOT NULL,
    target        TEXT        NOT NULL,
    expression    TEXT        NOT NULL,
    remediation   TEXT,
    enabled       BOOLEAN     NOT NULL,
    -- Bumped on every change: the ETag and the policyVersion reported with each outcome.
    version       BIGINT      NOT NULL,
    -- STARTER (loaded on first start), API or CODE (applied from a policies file).
    origin        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    TEXT        NOT NULL
);
CREATE INDEX policy_scope_idx ON policy (scope);

-- Every version of every policy, deleted ones included, as the full policy document.
CREATE TABLE policy_version (
    policy_id   TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    change      TEXT        NOT NULL,
    snapshot    JSONB       NOT NULL,
    changed_by  TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (policy_id, version)
);

-- One row, bumped with every policy change in the same transaction: replicas compare it to the
-- revision they compiled and reload within a second when it moved.
CREATE TABLE policy_catalog (
    id        INT PRIMARY KEY CHECK (id = 1),
    revision  BIGINT NOT NULL,
    seeded    BOOLEAN NOT NULL
);
INSERT INTO policy_catalog (id, revision, seeded) VALUES (1, 0, FALSE);

-- The latest product state the registry published, per product.
CREATE TABLE product_state (
    product_id       TEXT PRIMARY KEY,
    domain_id        TEXT        NOT NULL,
    sequence         BIGINT      NOT NULL,
    state            JSONB       NOT NULL,
    -- Governance's own counter for the events it publishes about this product.
    event_sequence   BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX product_state_domain_idx ON product_state (domain_id);

-- Event ids already applied, per consumer: a redelivered event finds its id here and is skipped.
CREATE TABLE processed_event (
    consumer      TEXT        NOT NULL,
    event_id      TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

CREATE TABLE evaluation (
    id                BIGSERIAL PRIMARY KEY,
    product_id        TEXT        NOT NULL,
    sequence          BIGINT      NOT NULL,
    product_sequence  BIGINT      NOT NULL,
    version           TEXT,
    domain_id         TEXT        NOT NULL,
    score             DOUBLE PRECISION NOT NULL,
    rating            TEXT        NOT NULL,
    blocking_failures INT         NOT NULL,
    -- PRODUCT_CHANGED, PUBLISH_REQUESTED, POLICY_CHANGED or LINEAGE_CHANGED.
    trigger           TEXT        NOT NULL,
    outcomes          JSONB       NOT NULL,
    evaluated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX evaluation_product_idx ON evaluation (product_id, id DESC);

-- The current score of every product; domain and platform scores aggregate it.
CREATE TABLE product_score (
    product_id        TEXT PRIMARY KEY,
    domain_id         TEXT        NOT NULL,
    score             DOUBLE PRECISION NOT NULL,
    rating            TEXT        NOT NULL,
    blocking_failures INT         NOT NULL,
    evaluation_id     BIGINT      NOT NULL,
    evaluated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX product_score_domain_idx ON product_score (domain_id);

-- Domain and platform scores over time, for trends.
CREATE TABLE score_snapshot (
    id        BIGSERIAL PRIMARY KEY,
    -- DOMAIN (scope_id = the domain) or PLATFORM (scope_id = '*').
    scope     TEXT        NOT NULL,
    scope_id  TEXT        NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    rating    TEXT        NOT NULL,
    products  INT         NOT NULL,
    taken_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX score_snapshot_scope_idx ON score_snapshot (scope, scope_id, id DESC);

-- Product-to-product edges learned from tessera.lineage: the downstream consumers of a product.
CREATE TABLE lineage_edge (
    edge_id       TEXT PRIMARY KEY,
    sequence      BIGINT      NOT NULL,
    from_product  TEXT,
    to_product    TEXT,
    to_domain     TEXT,
    kind          TEXT,
    present       BOOLEAN     NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX lineage_edge_from_idx ON lineage_edge (from_product) WHERE present;
