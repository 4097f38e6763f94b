-- A policy's failure message: a CEL expression yielding the sentence shown when the policy fails.
-- Optional: a policy without one fails with a sentence generated from its name.
ALTER TABLE policy ADD COLUMN message TEXT;
