-- The catalog's own durable state. The search index is not here: it is a read model on local disk,
-- rebuilt from Kafka. What cannot be rebuilt from topics lives here: the event feed (every event the
-- catalog consumed, in the order it consumed them), webhook subscriptions and their delivery log.

-- Every consumed event once (by CloudEvents id), numbered in consumption order for `GET /events?after=`.
CREATE TABLE feed_event (
    position      BIGSERIAL PRIMARY KEY,
    event_id      TEXT        NOT NULL UNIQUE,
    event_type    TEXT        NOT NULL,
    source        TEXT        NOT NULL,
    subject       TEXT,
    event_time    TIMESTAMPTZ,
    sequence      BIGINT,
    data_schema   TEXT,
    data          JSONB,
    product_id    TEXT,
    domain_id     TEXT,
    -- true when the event reveals nothing unpublished, so any authenticated caller may see it
    public_event  BOOLEAN     NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE subscription (
    id                 UUID        PRIMARY KEY,
    owner              TEXT        NOT NULL,
    target_url         TEXT        NOT NULL,
    secret             TEXT        NOT NULL,
    description        TEXT,
    product_ids        TEXT[]      NOT NULL,
    domains            TEXT[]      NOT NULL,
    event_types        TEXT[]      NOT NULL,
    -- what the subscriber could see when subscribing: everything, or unpublished events of these domains
    sees_all           BOOLEAN     NOT NULL,
    privileged_domains TEXT[]      NOT NULL,
    active             BOOLEAN     NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE delivery (
    id               BIGSERIAL PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    feed_position    BIGINT      NOT NULL REFERENCES feed_event (position),
    event_id         TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    -- one delivery per event and subscription, however often the event is consumed
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX delivery_due_idx ON delivery (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX delivery_log_idx ON delivery (subscription_id, id);
