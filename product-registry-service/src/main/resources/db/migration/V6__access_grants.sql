-- Access requests as governance announces them on tessera.access, one row per request in its latest
-- state: the registry names the ACTIVE grant holders of a port when a breaking change would hit them.
CREATE TABLE access_grant (
    request_id           TEXT PRIMARY KEY,
    -- Governance's sequence of the request's events: an older or repeated state changes nothing.
    sequence             BIGINT      NOT NULL,
    product_id           TEXT        NOT NULL,
    port_name            TEXT        NOT NULL,
    port_version         TEXT,
    consumer_subject     TEXT        NOT NULL,
    consumer_product_id  TEXT,
    consumer_domain_id   TEXT,
    status               TEXT        NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX access_grant_port_idx ON access_grant (product_id, port_name) WHERE status = 'ACTIVE';
