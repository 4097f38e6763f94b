package dev.tessera.lineage.usage.model;

/** The three sources of usage, kept apart: a consumer may be of any combination of them. */
public enum ConsumerKind {
    /** A product with an input port on a contract one of this product's output ports carries. */
    DECLARED,
    /** The holder of an ACTIVE access grant on one of this product's ports. */
    GRANTED,
    /** An OpenLineage job seen reading a dataset of one of this product's ports within the window. */
    OBSERVED
}
