-- The product sequence at which a version last entered PENDING_APPROVAL. A publish decision that
-- answers an older request (the owner withdrew and asked again meanwhile) is recognised and ignored.
ALTER TABLE product_version ADD COLUMN pending_sequence BIGINT;
