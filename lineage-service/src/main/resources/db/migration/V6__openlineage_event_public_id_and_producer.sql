-- Raw OpenLineage events may carry SQL, environment variables and job parameters. Outside the
-- service they are named by a random UUID instead of their sequential id, which anyone could count
-- through; the sequential id stays the internal key (issue updates, the unresolved listing's order).
-- Adding the column with a volatile default gives every existing row its own random UUID.
ALTER TABLE openlineage_event ADD COLUMN public_id UUID NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE openlineage_event ADD CONSTRAINT openlineage_event_public_id_key UNIQUE (public_id);

-- The token subject that sent the event: besides platform admins and governance officers, only that
-- sender may read it back. Events stored before this column existed have none, so only admins and
-- officers read them.
ALTER TABLE openlineage_event ADD COLUMN producer_subject TEXT;
