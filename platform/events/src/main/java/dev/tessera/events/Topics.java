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

    /**
     * Compacted; key = product id; written by lineage. Every record carries the product's whole
     * current usage (consumers by kind, shadow consumers, reads, attention, unused), sent when
     * something that matters changed or once a day when its counts moved; never once per run.
     */
    public static final String USAGE = "tessera.usage";

    /**
     * Compacted; key = product id; written by the catalog. Page views and search click-throughs by
     * distinct users, so lineage can tell an unused product and every catalog replica can rank by
     * popularity.
     */
    public static final String ATTENTION = "tessera.attention";

    /** Topics that keep only the latest record per key, so a reader can rebuild current state. */
    public static final List<String> COMPACTED = List.of(PRODUCTS, DOMAINS, QUALITY, USAGE, ATTENTION);

    /** Every topic of the contract. */
    public static final List<String> ALL =
            List.of(PRODUCTS, DOMAINS, GOVERNANCE, ACCESS, LINEAGE, QUALITY_OBSERVATIONS, QUALITY, USAGE, ATTENTION);

    private Topics() {}
}
