-- The lineage graph. PostgreSQL is the source of truth; the service keeps an in-memory adjacency
-- index built from these tables at start and updated after each commit.

-- Nodes get small integer ids so the in-memory index can address them as array slots.
CREATE TABLE lineage_node (
    id          SERIAL PRIMARY KEY,
    node_key    TEXT        NOT NULL UNIQUE,   -- TYPE:id, e.g. DATASET:postgres://db:5432/shop.public.orders
    type        TEXT        NOT NULL,
    name        TEXT        NOT NULL,          -- the id within its type
    product_id  TEXT,
    domain_id   TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Edges are never deleted: a removed edge is kept with present = false, and its sequence counts
-- every appearance and disappearance, which is what tessera.lineage events carry.
CREATE TABLE lineage_edge (
    id          BIGSERIAL PRIMARY KEY,
    edge_key    TEXT        NOT NULL UNIQUE,
    from_id     INT         NOT NULL REFERENCES lineage_node (id),
    to_id       INT         NOT NULL REFERENCES lineage_node (id),
    kind        TEXT        NOT NULL,
    detail      TEXT,                          -- DIRECT / INDIRECT for column edges
    origin      TEXT,                          -- what derived it: product id, access request id; null for OpenLineage
    present     BOOLEAN     NOT NULL,
    sequence    BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lineage_edge_from_idx ON lineage_edge (from_id) WHERE present;
CREATE INDEX lineage_edge_to_idx ON lineage_edge (to_id) WHERE present;
CREATE INDEX lineage_edge_origin_idx ON lineage_edge (origin) WHERE origin IS NOT NULL;

-- Every name under which a dataset is known (its own namespace/name and its symlinks) points to one node.
CREATE TABLE dataset_alias (
    alias_key   TEXT PRIMARY KEY,
    node_id     INT  NOT NULL REFERENCES lineage_node (id)
);

-- OpenLineage events as received, facets and all. Identical events are stored once.
CREATE TABLE openlineage_event (
    id           BIGSERIAL PRIMARY KEY,
    fingerprint  TEXT        NOT NULL UNIQUE,
    kind         TEXT        NOT NULL,        -- RUN, JOB, DATASET
    event_type   TEXT,
    event_time   TIMESTAMPTZ NOT NULL,
    run_id       TEXT,
    subject_key  TEXT        NOT NULL,        -- the job or dataset node key
    raw          JSONB       NOT NULL,
    issues       JSONB,                       -- what could not be resolved into the graph, null if nothing
    received_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX openlineage_event_issues_idx ON openlineage_event (id) WHERE issues IS NOT NULL;

-- Product lineage inputs learned from tessera.products, tessera.access and tessera.domains.
CREATE TABLE port_contract (
    contract_id   TEXT PRIMARY KEY,
    port_node_id  INT  NOT NULL REFERENCES lineage_node (id),
    product_id    TEXT NOT NULL
);

CREATE TABLE product_input (
    product_id   TEXT NOT NULL,
    port_name    TEXT NOT NULL,
    contract_id  TEXT NOT NULL,
    PRIMARY KEY (product_id, port_name, contract_id)
);
CREATE INDEX product_input_contract_idx ON product_input (contract_id);

CREATE TABLE product (
    product_id  TEXT PRIMARY KEY,
    domain_id   TEXT,
    name        TEXT,
    owners      TEXT
);

CREATE TABLE domain (
    domain_id    TEXT PRIMARY KEY,
    name         TEXT,
    owner_group  TEXT
);

-- Idempotent consumers: processed event ids and the last applied sequence per aggregate,
-- written in the same transaction as the change they caused.
CREATE TABLE consumed_event (
    event_id     TEXT PRIMARY KEY,
    topic        TEXT        NOT NULL,
    consumed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE aggregate_sequence (
    topic         TEXT   NOT NULL,
    aggregate_id  TEXT   NOT NULL,
    sequence      BIGINT NOT NULL,
    PRIMARY KEY (topic, aggregate_id)
);
