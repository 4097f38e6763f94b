package dev.tessera.catalog.index;

/**
 * Field names of the index. Two kinds of documents live in it: one {@code state} document per source
 * aggregate (product, lineage edge, access request) holding the JSON the read model was built from and the
 * source sequence it reflects, and up to two {@code view} documents per product that search runs over.
 * Facet fields are named by their {@link Facet}.
 */
public final class Fields {

    /** Groups every document of one aggregate: {@code product:<id>}, {@code edge:<id>}, {@code access:<id>}. */
    public static final String KEY = "key";

    /** {@code state} or {@code view}. */
    public static final String KIND = "kind";

    public static final String KIND_STATE = "state";
    public static final String KIND_VIEW = "view";

    /** On state documents: {@code product}, {@code edge} or {@code access}. */
    public static final String STATE_TYPE = "state_type";

    /** On state documents: the JSON the aggregate's read model was built from. */
    public static final String SOURCE = "_source";

    /** On view documents: {@code internal} (head version, for privileged callers) or {@code public}. */
    public static final String VIEW = "view";

    public static final String VIEW_INTERNAL = "internal";
    public static final String VIEW_PUBLIC = "public";

    /** On view documents: the JSON a search hit is rendered from, so a page needs no second lookup. */
    public static final String HIT = "_hit";

    public static final String PRODUCT_ID = "product_id";
    public static final String ID_SORT = "id_sort";

    // Full-text fields.
    public static final String NAME = "name";
    public static final String NAME_KEYWORD = "name_kw";
    public static final String NAME_PREFIX = "name_prefix";
    public static final String DESCRIPTION = "description";
    public static final String TAGS_TEXT = "tags_text";
    public static final String DOMAIN_TEXT = "domain_text";
    public static final String OWNERS_TEXT = "owners_text";
    public static final String PORTS_TEXT = "ports_text";
    public static final String SCHEMA_TEXT = "schema_text";

    // Sort fields.
    public static final String NAME_SORT = "name_sort";
    public static final String UPDATED = "updated";
    public static final String COMPLIANCE = "compliance";
    /** Distinct consumers of the product (lineage's usage), for sorting by usage. */
    public static final String CONSUMERS = "consumers";
    /** Runs that read the product in the last 30 days (lineage's usage), for sorting by usage. */
    public static final String READS = "reads_30d";
    /** How popular the product is, 0 to 1 ({@code ProductUsage#popularity}), for ranking. */
    public static final String POPULARITY = "popularity";

    /** When a run was last seen reading the product (epoch milliseconds): the {@code used} facet's moment. */
    public static final String LAST_READ = "last_read";

    // Edge and access state documents, for the product page.
    public static final String FROM_PRODUCT = "from_product";
    public static final String TO_PRODUCT = "to_product";
    public static final String PRESENT = "present";
    public static final String SUBJECT = "subject";

    private Fields() {}
}
