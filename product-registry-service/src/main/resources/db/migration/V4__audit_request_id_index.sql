-- "Everything one call wrote" (the audit filter requestId, which the gateway's platform-wide trail
-- sends to every service) found through an index instead of a scan of the whole trail. In this
-- service's own migrations because tessera-runtime's V0_x versions sort before the services' and
-- cannot be added to a database that already has them.
CREATE INDEX IF NOT EXISTS audit_entry_request_idx ON audit_entry (request_id) WHERE request_id IS NOT NULL;
