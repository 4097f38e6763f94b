package dev.tessera.lineage.graph;

/**
 * Why an edge exists. Every kind is published on tessera.lineage, {@link #OUTPUT_PORT} too: it is
 * what lets a traversal go from a product through its ports to consumers, and the other replicas'
 * indexes learn it only from that topic.
 */
public enum EdgeKind {
    /** An upstream port feeds a product that declares it as an input port. */
    INPUT_PORT,
    /** An active access grant: a port feeds the consuming product. */
    ACCESS_GRANT,
    /** A dataset is read by a job, or a job writes a dataset (OpenLineage run or job events). */
    OPENLINEAGE,
    /** A port is served by a physical dataset whose namespace and name match its contract's server. */
    PORT_DATASET,
    /** A column feeds another column (OpenLineage column lineage facet). */
    COLUMN,
    /** A product offers an output port. */
    OUTPUT_PORT
}
