-- Webhook owners' current rights and fan-out outside the ingest transaction.

-- The owner's account id at the identity provider (the token's sub), to look up its current rights before
-- each delivery. Subscriptions made before are looked up by owner name.
ALTER TABLE subscription ADD COLUMN owner_subject TEXT;
-- The per-owner limit counts an owner's subscriptions at every create.
CREATE INDEX subscription_owner_idx ON subscription (owner);

-- Events are fanned out to subscriptions after they are stored, by a job of their own, so the ingest path
-- never waits on it. Events stored before this change were fanned out when they were stored.
ALTER TABLE feed_event ADD COLUMN fanned_out BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE feed_event ALTER COLUMN fanned_out SET DEFAULT false;
CREATE INDEX feed_event_fan_out_idx ON feed_event (position) WHERE NOT fanned_out;
