package dev.tessera.governance.policy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.usage.UsageStateV1;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The {@code usage} variable: who uses a product and how much, from lineage's latest usage record.
 * Every field is always present, so an expression needs no {@code has()} guard:
 *
 * <ul>
 *   <li>{@code consumers}: distinct consumers by kind, {@code declared}, {@code granted}, {@code
 *       observed}, {@code shadow} and {@code total} (int; a consumer of two kinds counts in both);
 *   <li>{@code shadowConsumers}: jobs seen reading the product with neither an ACTIVE grant nor a
 *       declared input port, most recently read first, at most 100: each with {@code job}, {@code
 *       productId} and {@code domainId} of the product the job writes ({@code ''} when unknown),
 *       {@code runs} in the last 30 days, {@code firstReadAt}, {@code lastReadAt} and {@code label},
 *       the consumer in words for messages; {@code shadowConsumersTotal} counts them all;
 *   <li>{@code readsLast30Days}, {@code pageViewsLast30Days}, {@code viewersLast30Days}, {@code
 *       clickThroughsLast30Days} (int) and {@code lastReadAt}, {@code lastViewedAt} (timestamp or
 *       null when it never happened);
 *   <li>{@code unused} (bool): published and neither read nor viewed for {@code unusedAfterDays}
 *       days (lineage's threshold, 90 by default), since {@code unusedSince} (timestamp, null while
 *       used);
 *   <li>{@code daysSinceLastUse} (int or null): whole days from the last read or page view to the
 *       evaluation's {@code now}; for an unused product never read nor viewed, the days since it was
 *       published as far as lineage's threshold tells ({@code unusedAfterDays} plus the days since
 *       {@code unusedSince}). Never null while {@code unused} is true, null for a product never used
 *       and not unused (unpublished, or published too recently to count);
 *   <li>{@code asOf}: when lineage computed the record, null before its first one.
 * </ul>
 *
 * <p>A product lineage has not reported yet binds {@link #none()}: zero counts, not unused.
 */
public final class UsageValue {

    /** Fields that hold times: ISO-8601 text in JSON, timestamps in CEL. */
    static final Set<String> TIMES = Set.of("lastReadAt", "lastViewedAt", "unusedSince", "asOf", "firstReadAt");

    /** Lineage's default threshold, shown until its first record says otherwise. */
    static final int DEFAULT_UNUSED_AFTER_DAYS = 90;

    private static final String SHADOW_CONSUMERS = "shadowConsumers";
    private static final String SHADOW_TOTAL = "shadowConsumersTotal";

    private UsageValue() {}

    /** The usage of a product lineage has not reported: zero counts, not unused. */
    public static ObjectNode none() {
        ObjectNode usage = JsonNodeFactory.instance.objectNode();
        counts(usage.putObject("consumers"), 0, 0, 0, 0, 0);
        usage.putArray(SHADOW_CONSUMERS);
        usage.put(SHADOW_TOTAL, 0);
        usage.put("readsLast30Days", 0);
        usage.putNull("lastReadAt");
        usage.put("pageViewsLast30Days", 0);
        usage.put("viewersLast30Days", 0);
        usage.put("clickThroughsLast30Days", 0);
        usage.putNull("lastViewedAt");
        usage.put("unused", false);
        usage.putNull("unusedSince");
        usage.put("unusedAfterDays", DEFAULT_UNUSED_AFTER_DAYS);
        usage.putNull("daysSinceLastUse");
        usage.putNull("asOf");
        return usage;
    }

    /** The usage a record reports, with {@code daysSinceLastUse} counted up to {@code now}. */
    public static ObjectNode of(UsageStateV1 state, Instant now) {
        ObjectNode usage = none();
        UsageStateV1.Counts c = state.consumers();
        if (c != null) {
            counts((ObjectNode) usage.get("consumers"), c.declared(), c.granted(), c.observed(), c.shadow(), c.total());
        }
        ArrayNode shadows = (ArrayNode) usage.get(SHADOW_CONSUMERS);
        if (state.shadowConsumers() != null) {
            for (UsageStateV1.Consumer consumer : state.shadowConsumers()) {
                if (consumer != null) {
                    shadows.add(shadowConsumer(consumer));
                }
            }
        }
        usage.put(SHADOW_TOTAL, Math.max(state.shadowConsumersTotal(), shadows.size()));
        usage.put("readsLast30Days", state.readsLast30Days());
        usage.put("lastReadAt", text(state.lastReadAt()));
        UsageStateV1.Attention attention = state.attention();
        Instant lastViewedAt = attention == null ? null : attention.lastViewedAt();
        if (attention != null) {
            usage.put("pageViewsLast30Days", attention.pageViewsLast30Days());
            usage.put("viewersLast30Days", attention.viewersLast30Days());
            usage.put("clickThroughsLast30Days", attention.clickThroughsLast30Days());
            usage.put("lastViewedAt", text(lastViewedAt));
        }
        int threshold = state.unusedAfterDays() > 0 ? state.unusedAfterDays() : DEFAULT_UNUSED_AFTER_DAYS;
        usage.put("unused", state.unused());
        usage.put("unusedSince", state.unused() ? text(state.unusedSince()) : null);
        usage.put("unusedAfterDays", threshold);
        Long days = daysSinceLastUse(state, lastViewedAt, threshold, now);
        if (days == null) {
            usage.putNull("daysSinceLastUse");
        } else {
            usage.put("daysSinceLastUse", days);
        }
        usage.put("asOf", text(state.asOf()));
        return usage;
    }

    /**
     * Whole days from the product's last read or page view to {@code now}; for an unused product never
     * read nor viewed, its threshold plus the days since it became unused; null for a product never
     * used that is not unused.
     */
    public static Long daysSinceLastUse(UsageStateV1 state, Instant now) {
        int threshold = state.unusedAfterDays() > 0 ? state.unusedAfterDays() : DEFAULT_UNUSED_AFTER_DAYS;
        return daysSinceLastUse(
                state, state.attention() == null ? null : state.attention().lastViewedAt(), threshold, now);
    }

    private static Long daysSinceLastUse(UsageStateV1 state, Instant lastViewedAt, int threshold, Instant now) {
        Instant lastUse = latest(state.lastReadAt(), lastViewedAt);
        if (lastUse != null) {
            return wholeDays(lastUse, now);
        }
        if (!state.unused()) {
            return null;
        }
        // Never read nor viewed: lineage counted the threshold from the publication.
        return threshold + (state.unusedSince() == null ? 0 : wholeDays(state.unusedSince(), now));
    }

    private static long wholeDays(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toDays());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static ObjectNode shadowConsumer(UsageStateV1.Consumer consumer) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("job", nonNull(consumer.job() != null ? consumer.job() : consumer.subject()));
        c.put("productId", nonNull(consumer.productId()));
        c.put("domainId", nonNull(consumer.domainId()));
        c.put("runs", consumer.runs());
        c.put("firstReadAt", text(consumer.firstReadAt()));
        c.put("lastReadAt", text(consumer.lastReadAt()));
        c.put("label", label(c));
        return c;
    }

    /** {@code etl/nightly (writes finance-revenue of domain finance; 12 runs in 30 days, last read ...)}. */
    private static String label(ObjectNode consumer) {
        String product = consumer.path("productId").asText();
        String domain = consumer.path("domainId").asText();
        String owner = product.isEmpty()
                ? "no product known to write"
                : "writes " + product + (domain.isEmpty() ? "" : " of domain " + domain);
        long runs = consumer.path("runs").asLong();
        String lastRead = consumer.path("lastReadAt").asText("");
        return consumer.path("job").asText() + " (" + owner + "; " + runs + (runs == 1 ? " run" : " runs")
                + " in 30 days" + (lastRead.isEmpty() ? "" : ", last read " + lastRead) + ")";
    }

    /**
     * Evidence beyond the value read: an expression about shadow consumers reports every listed
     * shadow consumer's job; one about being unused reports when the product was last used.
     */
    static void explain(String path, JsonNode usage, ObjectNode evidence) {
        String variable = PolicyVariable.USAGE.celName() + ".";
        String field = path.startsWith(variable) ? path.substring(variable.length()) : "";
        if (field.startsWith(SHADOW_CONSUMERS) || field.equals("consumers") || field.equals("consumers.shadow")) {
            ArrayNode jobs = JsonNodeFactory.instance.arrayNode();
            usage.path(SHADOW_CONSUMERS).forEach(c -> jobs.add(c.path("job").asText()));
            evidence.set(variable + SHADOW_CONSUMERS, jobs);
            evidence.set(variable + SHADOW_TOTAL, usage.path(SHADOW_TOTAL));
        }
        if (field.equals("unused") || field.equals("unusedSince") || field.equals("daysSinceLastUse")) {
            for (String when :
                    new String[] {"unused", "unusedSince", "daysSinceLastUse", "lastReadAt", "lastViewedAt"}) {
                if (!evidence.has(variable + when)) {
                    evidence.set(variable + when, usage.path(when));
                }
            }
        }
    }

    private static void counts(ObjectNode counts, int declared, int granted, int observed, int shadow, int total) {
        counts.put("declared", declared);
        counts.put("granted", granted);
        counts.put("observed", observed);
        counts.put("shadow", shadow);
        counts.put("total", total);
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
