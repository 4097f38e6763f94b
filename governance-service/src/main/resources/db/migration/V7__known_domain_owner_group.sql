-- The Keycloak group (full path, e.g. /domains/finance) whose members own the domain, as the registry
-- announces it: domain ownership is decided by this exact group, never by a group's bare name.
-- Domains learned before this column existed have none until their next event; until then their
-- owner group is taken to be /domains/<domain_id>.
ALTER TABLE known_domain ADD COLUMN owner_group TEXT;
CREATE INDEX known_domain_owner_group_idx ON known_domain (owner_group) WHERE owner_group IS NOT NULL;
