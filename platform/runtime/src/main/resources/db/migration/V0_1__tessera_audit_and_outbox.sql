-- Tables every Tessera service has, shipped with tessera-runtime and applied by each service's
-- Flyway before its own migrations: audit entries and the transactional outbox.

CREATE TABLE audit_entry (
    id           BIGSERIAL PRIMARY KEY,
    occurred_at  TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    client_id    TEXT,
    action       TEXT        NOT NULL,
    target_type  TEXT        NOT NULL,
    target_id    TEXT        NOT NULL,
    request_id   TEXT,
    detail       JSONB
);
CREATE INDEX audit_entry_target_idx ON audit_entry (target_type, target_id, id);

-- Transactional outbox: written in the same transaction as the change, relayed to Kafka in id order.
CREATE TABLE outbox_event (
    id            BIGSERIAL PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    aggregate_id  TEXT        NOT NULL,
    sequence      BIGINT      NOT NULL,
    payload       JSONB       NOT NULL,
    traceparent   TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ,
    attempts      INT         NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE published_at IS NULL;
