-- Whether an evaluation is of a published version (PUBLISHED, DEPRECATED or RETIRED when evaluated).
-- Evaluations of drafts and of versions pending approval carry draft content as evidence, so only the
-- owning domain's owners, governance officers and platform admins see them. Rows written before this
-- column existed stay false (owners-only) until the product is evaluated again: nobody learns a draft
-- from a guess.
ALTER TABLE evaluation ADD COLUMN published BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX evaluation_published_product ON evaluation (product_id, id) WHERE published;
