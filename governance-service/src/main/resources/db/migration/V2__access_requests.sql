-- Access requests to output ports, through their whole life. The request's full state travels on
-- tessera.access at every step, so provisioners and lineage need nothing else.
CREATE TABLE access_request (
    id                  TEXT PRIMARY KEY,
    sequence            BIGINT      NOT NULL,
    product_id          TEXT        NOT NULL,
    port_name           TEXT        NOT NULL,
    port_version        TEXT,
    product_domain_id   TEXT        NOT NULL,
    consumer_subject    TEXT        NOT NULL,
    consumer_product_id TEXT,
    consumer_domain_id  TEXT,
    purpose             TEXT        NOT NULL,
    requested_until     TIMESTAMPTZ NOT NULL,
    status              TEXT        NOT NULL,
    -- Named approvers from the contract's ODCS roles (first and second level), besides the domain's owners.
    approvers           JSONB       NOT NULL,
    history             JSONB       NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX access_request_open_idx ON access_request (requested_until)
    WHERE status IN ('REQUESTED', 'APPROVED', 'ACTIVE');
CREATE INDEX access_request_consumer_idx ON access_request (consumer_subject);
CREATE INDEX access_request_domain_idx ON access_request (product_domain_id);
