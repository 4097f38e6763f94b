-- Quality and usage find the ports a dataset serves while they ingest a run event: from each
-- dataset named, along its present PORT_DATASET edges back to the port (EdgeRepository
-- portsServedBy). V2 dropped the index of edges by target when no query read them that way, so
-- since quality and usage every ingest scanned all of lineage_edge, and ingest slowed down as the
-- graph grew (about 150 ms per batch with 56,000 edges). Only port-to-dataset edges are indexed:
-- they are written when a product's ports change, not by run events, so ingest pays nothing to
-- keep this index.
CREATE INDEX lineage_edge_port_dataset_by_target_idx ON lineage_edge (to_id)
    WHERE present AND kind = 'PORT_DATASET';
