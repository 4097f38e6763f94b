-- Lineage queues one outbox row per edge that appears, thousands a second in batched ingest, so
-- every index on outbox_event is paid that often. Two of the three the platform creates do nothing:
-- - outbox_event_pending_idx covers id WHERE published_at IS NULL, but relayed rows are deleted,
--   never marked published, so it is a second copy of the primary key; the relay reads the oldest
--   rows through the primary key instead.
-- - The unique constraint on event_id guards ids that are random version 4 UUIDs drawn for each row
--   (gen_random_uuid() here, UUID.randomUUID() in the platform's Outbox), and no statement looks
--   rows up by it. Its index took a random-position insert per row.
-- With both gone, PostgreSQL's CPU per batched event in the lineage benchmark was 213-233 us (four
-- runs) against 240-256 us (two runs) with them. The other services write a few outbox rows per user action and keep the platform's
-- table as it is (V0_x cannot grow: see the request id index).
ALTER TABLE outbox_event DROP CONSTRAINT IF EXISTS outbox_event_event_id_key;
DROP INDEX IF EXISTS outbox_event_pending_idx;
