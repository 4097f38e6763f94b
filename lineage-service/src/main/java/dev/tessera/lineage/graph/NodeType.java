package dev.tessera.lineage.graph;

import java.util.Locale;
import java.util.Optional;

/** Kinds of node in the lineage graph; the names are the {@code type} values of tessera.lineage events. */
public enum NodeType {
    PRODUCT,
    PORT,
    DATASET,
    JOB,
    COLUMN;

    /** The node key of an id of this type: {@code TYPE:id}, unique across the graph. */
    public String key(String id) {
        return name() + ":" + id;
    }

    /** Parses a type name case-insensitively; empty for an unknown one. */
    public static Optional<NodeType> parse(String value) {
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
