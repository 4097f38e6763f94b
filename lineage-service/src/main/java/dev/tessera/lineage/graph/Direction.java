package dev.tessera.lineage.graph;

/** Which way a traversal follows edges: with the data flow, against it, or both ways from the start. */
public enum Direction {
    DOWNSTREAM,
    UPSTREAM,
    BOTH
}
