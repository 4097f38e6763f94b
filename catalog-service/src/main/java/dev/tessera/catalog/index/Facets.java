package dev.tessera.catalog.index;

import dev.tessera.catalog.quality.service.QualityStatus;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The search facets, in the order a search result shows them. Adding one is adding a constant here and
 * to {@link #ALL}: indexing, filtering, counting, the search API's parameters and their documentation
 * follow from it.
 */
public final class Facets {

    public static final Facet.Keyword DOMAIN = new Facet.Keyword(
            "domain",
            "The product's domain id.",
            Facet.Readers::asSent,
            p -> one(p.summary().domain()));

    public static final Facet.Keyword STATUS = new Facet.Keyword(
            "status",
            "Lifecycle status of the version shown (PUBLISHED, DRAFT, ...), in any case.",
            Facet.Readers::upperCase,
            p -> one(p.summary().status()));

    public static final Facet.Keyword TAG = new Facet.Keyword(
            "tag", "A tag of the product, in any case.", Facet.Readers::lowerCase, p -> p.summary().tags().stream()
                    .map(t -> t.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toCollection(LinkedHashSet::new)));

    public static final Facet.Keyword OWNER =
            new Facet.Keyword("owner", "A team member with the owner role.", Facet.Readers::asSent, p -> p.summary()
                    .owners());

    public static final Facet.Keyword RATING = new Facet.Keyword(
            "rating",
            "Governance's compliance rating band (A to E), in any case.",
            Facet.Readers::upperCase,
            p -> one(p.rating()));

    public static final Facet.Keyword PII = new Facet.Keyword(
            "pii",
            "true when a contract marks a property as personal data, else false.",
            raw -> raw.equals("true") || raw.equals("false")
                    ? new Facet.Read.Value(raw)
                    : new Facet.Read.Refused("pii must be true or false."),
            p -> List.of(Boolean.toString(p.summary().containsPii())));

    public static final Facet.Keyword PORT_TYPE = new Facet.Keyword(
            "portType",
            "The type of an output port (tables, files, api, ...), in any case.",
            Facet.Readers::lowerCase,
            p -> p.summary().portTypes());

    public static final Facet.Keyword QUALITY = new Facet.Keyword(
            "quality",
            "Governance's quality status: one of " + String.join(", ", QualityStatus.API_VALUES) + ", in any case.",
            raw -> raw.isBlank()
                    ? new Facet.Read.Skip()
                    : QualityStatus.parse(raw)
                            .<Facet.Read>map(s -> new Facet.Read.Value(s.apiValue()))
                            .orElseGet(() -> new Facet.Read.Refused(
                                    "quality must be one of " + String.join(", ", QualityStatus.API_VALUES) + ".")),
            p -> one(p.quality()));

    public static final Facet.Recency USED = new Facet.Recency(
            "used",
            "30d: an OpenLineage run was seen reading the product in the last 30 days.",
            Fields.LAST_READ,
            List.of(new Facet.Recency.Window("30d", Duration.ofDays(30))),
            p -> p.usage().lastReadAt());

    /** Every facet, in the order a search result shows them. */
    public static final List<Facet> ALL = List.of(DOMAIN, STATUS, TAG, OWNER, RATING, PII, PORT_TYPE, QUALITY, USED);

    private Facets() {}

    private static List<String> one(String value) {
        return value == null ? List.of() : List.of(value);
    }
}
