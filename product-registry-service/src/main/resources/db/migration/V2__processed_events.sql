-- Event ids the registry's consumers already applied (governance's publish decisions): a
-- redelivered event finds its id here and changes nothing.
CREATE TABLE processed_event (
    consumer      TEXT        NOT NULL,
    event_id      TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
