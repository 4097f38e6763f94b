package dev.tessera.portal.product;

import static dev.tessera.portal.product.ContractView.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The usage panel: who uses the product and how much, as lineage reports it ({@code GET
 * /api/lineage/v1/products/{id}/usage}), in the vocabulary of {@code tessera.usage}: consumers that
 * declared an input port, that hold an access grant, that were seen reading, and shadow consumers
 * (seen reading with neither); reads in the window; the catalog's page views; whether the product is
 * unused. Who the consumers are is listed only when lineage shows them to this user (the product's
 * owners, governance officers, admins).
 *
 * @param days the window the counts cover
 * @param reads distinct runs that read the product in the window
 * @param lastReadAt when a run last read it, to the minute in UTC, or null
 * @param pageViews catalog page views in its last 30 days, or -1 when the catalog has not reported
 * @param unusedSince when it became unused, or null
 */
public record UsageView(
        int days,
        int declared,
        int granted,
        int observed,
        int shadow,
        int total,
        long reads,
        String lastReadAt,
        long pageViews,
        long viewers,
        boolean unused,
        int unusedAfterDays,
        String unusedSince,
        List<Consumer> consumers) {

    /**
     * A consumer the user may see.
     *
     * @param name the consuming product, or the grant's subject
     * @param href the consuming product's page, or null
     * @param kinds DECLARED, GRANTED and/or OBSERVED, in words
     */
    public record Consumer(String name, String href, String kinds, boolean shadow, long reads, String lastReadAt) {}

    static UsageView of(JsonNode usage) {
        // The endpoint nests the counts under totals; a tessera.usage record carries them at the top.
        JsonNode totals = usage.path("totals");
        JsonNode counts = totals.path("consumers").isObject() ? totals.path("consumers") : usage.path("consumers");
        JsonNode attention = usage.path("attention");
        List<Consumer> consumers = new ArrayList<>();
        if (usage.path("consumers").isArray()) {
            for (JsonNode c : usage.path("consumers")) {
                String product = text(c, "productId");
                List<String> kinds = new ArrayList<>();
                c.path("kinds").forEach(k -> kinds.add(k.asText().toLowerCase(java.util.Locale.ROOT)));
                consumers.add(new Consumer(
                        product != null ? product : text(c, "subject") != null ? text(c, "subject") : "unknown",
                        product != null ? "/products/" + product : null,
                        String.join(", ", kinds),
                        c.path("shadow").asBoolean(false),
                        c.path("reads").asLong(c.path("runs").asLong(0)),
                        Times.readable(text(c, "lastReadAt"))));
            }
        }
        return new UsageView(
                usage.path("days").asInt(30),
                counts.path("declared").asInt(0),
                counts.path("granted").asInt(0),
                counts.path("observed").asInt(0),
                counts.path("shadow").asInt(0),
                counts.path("total").asInt(0),
                totals.path("reads").asLong(usage.path("readsLast30Days").asLong(0)),
                Times.readable(
                        text(totals, "lastReadAt") != null ? text(totals, "lastReadAt") : text(usage, "lastReadAt")),
                attention.isObject()
                        ? attention
                                .path("pageViews")
                                .asLong(attention.path("pageViewsLast30Days").asLong(0))
                        : -1,
                attention
                        .path("viewers")
                        .asLong(attention.path("viewersLast30Days").asLong(0)),
                usage.path("unused").asBoolean(false),
                usage.path("unusedAfterDays").asInt(0),
                Times.readable(text(usage, "unusedSince")),
                List.copyOf(consumers));
    }
}
