package dev.tessera.catalog.usage.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How much a product is used, as the catalog knows it from the kept usage and attention (see
 * {@link UsageSummary}): zero everywhere before either has arrived.
 *
 * @param declared consumers with an input port on the product
 * @param granted consumers holding an ACTIVE grant
 * @param observed consumers seen reading it in the last 30 days
 * @param shadow observed consumers with neither a grant nor a declaration
 * @param consumers distinct consumers of any kind
 * @param readsLast30Days distinct runs that read it in the 30 days up to lineage's {@code asOf}
 * @param lastReadAt when an observed run last read it, or null
 * @param unused whether lineage finds it unused (published, neither read nor viewed for its threshold)
 * @param unusedSince when it became unused, or null
 * @param pageViewsLast30Days catalog page views in the last 30 days, one per user and day
 * @param viewersLast30Days distinct users who opened its page in the last 30 days
 * @param clickThroughsLast30Days search hits of it opened in the last 30 days, one per user and day
 * @param lastViewedAt when a user last opened its page, or null
 * @param asOf when lineage counted the usage, or null before its first record
 */
public record ProductUsage(
        int declared,
        int granted,
        int observed,
        int shadow,
        int consumers,
        long readsLast30Days,
        Instant lastReadAt,
        boolean unused,
        Instant unusedSince,
        long pageViewsLast30Days,
        long viewersLast30Days,
        long clickThroughsLast30Days,
        Instant lastViewedAt,
        Instant asOf) {

    /**
     * Consumers, runs and viewers amounting to this much weigh as much as anything may: more does not make
     * a product more popular (see {@link #popularity}).
     */
    static final double SATURATION = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The usage kept on a product's state document ({@code usage} and {@code attention}, each optional). */
    public static ProductUsage of(JsonNode source) {
        JsonNode usage = source == null ? null : source.get(UsageSummary.USAGE);
        JsonNode attention = source == null ? null : source.get(UsageSummary.ATTENTION);
        JsonNode u = usage == null ? JSON.createObjectNode() : usage;
        JsonNode a = attention == null ? JSON.createObjectNode() : attention;
        JsonNode consumers = u.path("consumers");
        return new ProductUsage(
                consumers.path("declared").asInt(),
                consumers.path("granted").asInt(),
                consumers.path("observed").asInt(),
                consumers.path("shadow").asInt(),
                consumers.path("total").asInt(),
                u.path("readsLast30Days").asLong(),
                instant(u, "lastReadAt"),
                u.path("unused").asBoolean(),
                instant(u, "unusedSince"),
                a.path("pageViewsLast30Days").asLong(),
                a.path("viewersLast30Days").asLong(),
                a.path("clickThroughsLast30Days").asLong(),
                instant(a, "lastViewedAt"),
                instant(u, "asOf"));
    }

    /**
     * How popular the product is, from 0 (nobody uses or looks at it) to 1: consumers weigh ten runs each,
     * distinct viewers three, every run read in the last 30 days one; the sum is log-scaled (the first few
     * users matter more than the thousandth) and capped at {@link #SATURATION}.
     */
    public double popularity() {
        double weighted = 10.0 * consumers + readsLast30Days + 3.0 * viewersLast30Days;
        if (weighted <= 0) {
            return 0;
        }
        return Math.min(1, Math.log1p(weighted) / Math.log1p(SATURATION));
    }

    /** What a search hit shows: how many consumers and how many reads in the last 30 days. */
    public ObjectNode hit() {
        ObjectNode hit = JSON.createObjectNode();
        hit.put("consumers", consumers);
        hit.put("readsLast30Days", readsLast30Days);
        return hit;
    }

    /** What the product page shows: the counts by kind, reads, unused, and the catalog's attention. */
    public ObjectNode page() {
        ObjectNode page = JSON.createObjectNode();
        ObjectNode byKind = page.putObject("consumers");
        byKind.put("declared", declared);
        byKind.put("granted", granted);
        byKind.put("observed", observed);
        byKind.put("shadow", shadow);
        byKind.put("total", consumers);
        page.put("readsLast30Days", readsLast30Days);
        page.put("lastReadAt", text(lastReadAt));
        page.put("unused", unused);
        page.put("unusedSince", text(unusedSince));
        ObjectNode attention = page.putObject("attention");
        attention.put("pageViewsLast30Days", pageViewsLast30Days);
        attention.put("viewersLast30Days", viewersLast30Days);
        attention.put("clickThroughsLast30Days", clickThroughsLast30Days);
        attention.put("lastViewedAt", text(lastViewedAt));
        page.put("asOf", text(asOf));
        return page;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
