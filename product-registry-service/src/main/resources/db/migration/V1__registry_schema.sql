-- Product registry store. Descriptors are kept whole as JSONB (lossless round-trip of ODPS/ODCS);
-- what the registry queries or enforces also lives in relational columns.

CREATE TABLE domain (
    id            TEXT PRIMARY KEY,
    name          TEXT        NOT NULL,
    description   TEXT,
    owner_group   TEXT,
    parent_id     TEXT REFERENCES domain (id),
    sequence      BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE data_product (
    id            TEXT PRIMARY KEY,
    domain_id     TEXT        NOT NULL REFERENCES domain (id),
    name          TEXT        NOT NULL,
    -- Monotonic per product: the ETag, and the `sequence` of every event about the product.
    sequence      BIGINT      NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_product_domain_idx ON data_product (domain_id);

CREATE TABLE product_version (
    product_id       TEXT        NOT NULL REFERENCES data_product (id),
    version          TEXT        NOT NULL,
    -- Zero-padded major.minor.patch so that ORDER BY sorts by semantic version.
    version_key      TEXT COLLATE "C" NOT NULL,
    status           TEXT        NOT NULL,
    descriptor       JSONB       NOT NULL,
    -- The descriptor as the owner wrote it (key order kept), for faithful export; JSONB reorders keys.
    descriptor_text  TEXT        NOT NULL,
    descriptor_hash  TEXT        NOT NULL,
    findings         JSONB,
    status_reasons   JSONB,
    sunset_date      DATE,
    successor        TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    created_by       TEXT        NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    status_changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (product_id, version)
);
CREATE INDEX product_version_status_idx ON product_version (status);

-- Output ports of every version, for resolving input ports (by contract id) and for queries.
-- As in ODPS, a port is identified by name and version: one product version may offer v1 and v2 side by side.
CREATE TABLE output_port (
    product_id      TEXT NOT NULL,
    product_version TEXT NOT NULL,
    name            TEXT NOT NULL,
    port_version    TEXT NOT NULL,
    port_type       TEXT,
    contract_id     TEXT,
    PRIMARY KEY (product_id, product_version, name, port_version),
    FOREIGN KEY (product_id, product_version) REFERENCES product_version (product_id, version) ON DELETE CASCADE
);
CREATE INDEX output_port_contract_idx ON output_port (contract_id);
