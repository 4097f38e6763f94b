-- Domains as the registry publishes them on tessera.domains (compacted): a domain-scoped policy
-- may only name a domain that exists, so a typo cannot create a policy that never applies.
CREATE TABLE known_domain (
    domain_id   TEXT PRIMARY KEY,
    sequence    BIGINT      NOT NULL,
    name        TEXT,
    parent_id   TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);
