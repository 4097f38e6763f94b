package dev.tessera.events;

import java.util.List;

/**
 * Kafka topic names. They are part of Tessera's public contract (see the AsyncAPI document in
 * {@code asyncapi.yaml}): renaming one breaks every downstream consumer.
 */
public final class Topics {

    /** Compacted; key = product id; every record carries the product's full current state. */
    public static final String PRODUCTS = "tessera.products";

    /** Compacted; key = domain id; every record carries the domain's full current state. */
    public static final String DOMAINS = "tessera.domains";

    /** Policy evaluations and publish decisions; key = product id. */
    public static final String GOVERNANCE = "tessera.governance";

    /** Access requests and grants, for downstream provisioners; key = access request id. */
    public static final String ACCESS = "tessera.access";

    /** Lineage graph changes; key = edge id. */
    public static final String LINEAGE = "tessera.lineage";

    /**
     * What OpenLineage runs reported about datasets: quality facets, and completed writes of the
     * datasets that serve output ports; written by lineage, read by governance; key = product id
     * (the dataset name when no port maps to it).
     */
    public static final String QUALITY_OBSERVATIONS = "tessera.quality-observations";

    /**
     * Compacted; key = product id; every record carries the product's full current quality, so a
     * reader rebuilds every product's status from the latest record per key.
     */
    public static final String QUALITY = "tessera.quality";

    /** Topics that keep only the latest record per key, so a reader can rebuild current state. */
    public static final List<String> COMPACTED = List.of(PRODUCTS, DOMAINS, QUALITY);

    /** Every topic of the contract. */
    public static final List<String> ALL =
            List.of(PRODUCTS, DOMAINS, GOVERNANCE, ACCESS, LINEAGE, QUALITY_OBSERVATIONS, QUALITY);

    private Topics() {}
}
