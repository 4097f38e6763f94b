package dev.tessera.lineage.query.model;

import dev.tessera.lineage.graph.EdgeKind;
import dev.tessera.lineage.graph.NodeType;
import java.util.Set;

/**
 * How a change travels one step of an impact path, under the name answers give it. Every step but a
 * port's link to a consuming product is told apart by the types of its two ends; that one is an
 * input port or an access grant, which only the stored edge says.
 */
public enum ImpactLink {
    /** A job reads a dataset, or writes one. */
    OPENLINEAGE("openlineage"),
    /** A column feeds another column. */
    COLUMN("column"),
    /** A product offers a port; also the last step from a crossed port to the product offering it. */
    OUTPUT_PORT("output-port"),
    /** A port is served by a dataset, followed with the data flow. */
    PORT_DATASET("port-dataset"),
    /** A changed dataset (or a column of it) serves a port: the step impact takes against the edge. */
    SERVED_BY_PORT("served-by-port"),
    /** A product declares an input port on the port's contract. */
    INPUT_PORT("input-port"),
    /** A product holds an active access grant on the port. */
    ACCESS_GRANT("access-grant");

    private final String label;

    ImpactLink(String label) {
        this.label = label;
    }

    /** The name answers and the documentation use. */
    public String label() {
        return label;
    }

    /**
     * The link of a step from a node of one type to a node of another. {@code consumerKinds} are the
     * kinds of the stored edges of a port-to-product step (ignored for any other); with both, the
     * declared input port is named, since it stays when the grant ends.
     */
    public static ImpactLink of(NodeType from, NodeType to, Set<EdgeKind> consumerKinds) {
        return switch (from) {
            case PRODUCT -> OUTPUT_PORT;
            case PORT ->
                switch (to) {
                    case DATASET -> PORT_DATASET;
                    case PRODUCT ->
                        consumerKinds.contains(EdgeKind.ACCESS_GRANT) && !consumerKinds.contains(EdgeKind.INPUT_PORT)
                                ? ACCESS_GRANT
                                : INPUT_PORT;
                    default -> OUTPUT_PORT;
                };
            case DATASET, JOB -> to == NodeType.PORT ? SERVED_BY_PORT : OPENLINEAGE;
            case COLUMN -> to == NodeType.PORT ? SERVED_BY_PORT : COLUMN;
        };
    }
}
