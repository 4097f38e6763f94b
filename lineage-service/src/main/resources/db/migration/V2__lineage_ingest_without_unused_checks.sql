-- Ingest writes three edges, three aliases and three nodes for a typical run event; what every one
-- of those rows paid for and nothing used (measured with pg_stat_statements in the ingest
-- benchmark, see ADR 0006):
--
-- The foreign keys from edges and aliases to their nodes ran a trigger per inserted row
-- (SELECT 1 FROM lineage_node ... FOR KEY SHARE: six per run event), and each took a row lock on
-- the node, so every node an edge touches was rewritten (its xmax) and nodes shared by concurrent
-- writers, such as a dimension table read by many jobs, got multixact locks. Nodes are never
-- deleted and every id an edge or alias is written with was just returned by the node insert or
-- read from the index of stored nodes, so the check can never fail.
ALTER TABLE lineage_edge DROP CONSTRAINT IF EXISTS lineage_edge_from_id_fkey;
ALTER TABLE lineage_edge DROP CONSTRAINT IF EXISTS lineage_edge_to_id_fkey;
ALTER TABLE dataset_alias DROP CONSTRAINT IF EXISTS dataset_alias_node_id_fkey;

-- No query reads edges by their target: traversals run on the in-memory index, which is rebuilt
-- from a scan of the present edges, and the only lookups by node follow edges from their source
-- (lineage_edge_from_idx). Every edge insert and every appearance or disappearance maintained it.
DROP INDEX IF EXISTS lineage_edge_to_idx;
