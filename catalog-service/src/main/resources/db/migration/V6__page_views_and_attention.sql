-- The attention products get in the catalog: who opened which product's page on which day, once per
-- person, product and day, and per product what the last attention record (dev.tessera.attention.refreshed.v1,
-- sent through the outbox) reported. Service accounts are never recorded.

-- A viewer is a SHA-256 digest of the token's subject, never the subject: counting distinct people needs
-- no record of who they are. Days are UTC. Rows older than the 30 days counted are deleted.
CREATE TABLE page_view (
    product_id  TEXT    NOT NULL,
    day         DATE    NOT NULL,
    viewer      TEXT    NOT NULL,
    -- opened from a search hit (?via=search) at least once that day
    via_search  BOOLEAN NOT NULL,
    PRIMARY KEY (product_id, day, viewer)
);
CREATE INDEX page_view_day_idx ON page_view (day);

CREATE TABLE product_attention (
    product_id          TEXT        PRIMARY KEY,
    domain_id           TEXT,
    -- the records sent so far; the next one carries sequence + 1
    sequence            BIGINT      NOT NULL DEFAULT 0,
    last_viewed_at      TIMESTAMPTZ,
    last_view_day       DATE,
    sent_at             TIMESTAMPTZ,
    -- views arrived within the hour after the last record: the next round sends them once the hour is over
    pending             BOOLEAN     NOT NULL DEFAULT false,
    sent_page_views     BIGINT      NOT NULL DEFAULT 0,
    sent_viewers        BIGINT      NOT NULL DEFAULT 0,
    sent_click_throughs BIGINT      NOT NULL DEFAULT 0,
    -- the day the counts were last compared with what the last record reported
    counted_day         DATE
);
CREATE INDEX product_attention_due_idx ON product_attention (sent_at) WHERE pending OR sent_page_views > 0;
