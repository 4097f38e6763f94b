-- Each product's current quality, as governance last decided it (dev.tessera.quality.status-changed.v1).
-- tessera.quality is meant to be compacted, but whoever creates the topic sets its cleanup policy: one
-- created with the delete policy (auto-created, say) drops a product's last status event after retention,
-- and a rebuild from the topics alone would then forget that product's quality. The latest applied event
-- per product is kept here, and every rebuild lays it over what the topic still holds.
CREATE TABLE product_quality (
    product_id  TEXT        PRIMARY KEY,
    domain_id   TEXT,
    -- governance's per-product counter; an event at or below it changes nothing
    sequence    BIGINT      NOT NULL,
    status      TEXT        NOT NULL,
    -- status, changedAt, and every port with its status and failing checks, as the product page shows them
    summary     JSONB       NOT NULL,
    changed_at  TIMESTAMPTZ,
    event_id    TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
