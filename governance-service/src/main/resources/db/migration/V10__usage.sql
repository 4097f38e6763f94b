-- The latest usage lineage reported per product (tessera.usage, compacted): the record as it
-- arrived, for the usage policy variable, and the columns the officers' usage report filters on.
CREATE TABLE usage_state (
    product_id              TEXT PRIMARY KEY,
    -- The product's domain as the record names it, else as governance knows the product; '' if neither.
    domain_id               TEXT        NOT NULL,
    -- Lineage's counter of this product's usage records: an older or repeated one is ignored.
    sequence                BIGINT      NOT NULL,
    unused                  BOOLEAN     NOT NULL,
    unused_since            TIMESTAMPTZ,
    shadow_consumers        INT         NOT NULL,
    -- CONSUMER_ADDED, SHADOW_CONSUMER_FOUND, BECAME_UNUSED, BECAME_USED or REFRESHED.
    change_kind             TEXT        NOT NULL,
    as_of                   TIMESTAMPTZ NOT NULL,
    -- The whole UsageStateV1 payload.
    state                   JSONB       NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
-- The report reads, per domain in product order, only the products with something to report.
CREATE INDEX usage_state_findings_idx ON usage_state (domain_id, product_id)
    WHERE unused OR shadow_consumers > 0;
