package dev.tessera.catalog.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.index.Fields;
import dev.tessera.catalog.index.IndexStore;
import dev.tessera.catalog.index.ProductDocuments;
import dev.tessera.catalog.quality.service.QualityService;
import dev.tessera.catalog.quality.service.QualitySummary;
import dev.tessera.catalog.usage.service.UsageSummary;
import dev.tessera.events.Topics;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;

/**
 * Applies events to an index generation. Every aggregate's state document remembers the source sequence
 * it reflects; an event at or below it (a duplicate, a redelivery, a stale record met during a rebuild)
 * changes nothing. Product events carry the full state, so applying the newest one is enough. A product's
 * governance evaluation, quality status, usage and attention ride on its state document, each with a
 * sequence of its own.
 */
public final class Projector {

    public static final String PRODUCT = "product";
    public static final String EDGE = "edge";
    public static final String ACCESS = "access";

    /** What other services say about a product, kept on its state document beside the registry's state. */
    private static final List<String> OVERLAYS =
            List.of("governance", "quality", UsageSummary.USAGE, UsageSummary.ATTENTION);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Projector() {}

    /** Applies one event; true when it changed the index. */
    public static boolean apply(IndexStore store, IncomingEvent event) {
        return switch (event.topic()) {
            case Topics.PRODUCTS -> product(store, event.data(), event.sequence(), false);
            case Topics.GOVERNANCE ->
                event.type().endsWith(".evaluation-completed.v1") && evaluation(store, event.data(), event.sequence());
            case Topics.LINEAGE -> edge(store, event.data(), event.sequence());
            case Topics.ACCESS -> access(store, event.data(), event.sequence());
            case Topics.QUALITY ->
                QualityService.isStatusChange(event)
                        && QualityService.productOf(event)
                                .map(id -> quality(
                                        store,
                                        id,
                                        event.data().path("domainId").asText(null),
                                        QualitySummary.of(event.data(), event.sequence())))
                                .orElse(false);
            case Topics.USAGE ->
                UsageSummary.isUsage(event)
                        && UsageSummary.productOf(event)
                                .map(id -> overlay(
                                        store,
                                        id,
                                        event.data().path("domainId").asText(null),
                                        UsageSummary.USAGE,
                                        UsageSummary.usage(event.data(), event.sequence())))
                                .orElse(false);
            case Topics.ATTENTION ->
                UsageSummary.isAttention(event)
                        && UsageSummary.productOf(event)
                                .map(id -> overlay(
                                        store,
                                        id,
                                        event.data().path("domainId").asText(null),
                                        UsageSummary.ATTENTION,
                                        UsageSummary.attention(event.data(), event.sequence())))
                                .orElse(false);
            default -> false;
        };
    }

    /** The key of a product's documents. */
    public static String productKey(String productId) {
        return PRODUCT + ":" + productId;
    }

    /**
     * Applies a product state. With {@code force} the sequence gate is skipped: reconciliation uses it to
     * overwrite a document whose content no longer matches its sequence.
     */
    public static boolean product(IndexStore store, JsonNode state, long sequence, boolean force) {
        String productId = state.path("productId").asText(null);
        if (productId == null) {
            return false;
        }
        String key = productKey(productId);
        Optional<JsonNode> existing = store.source(key);
        if (!force && existing.isPresent() && existing.get().path("sequence").asLong(-1) >= sequence) {
            return false;
        }
        ObjectNode source = JSON.createObjectNode();
        source.put("productId", productId);
        source.put("domainId", state.path("domainId").asText(null));
        source.put("sequence", sequence);
        source.set("state", state);
        for (String overlay : OVERLAYS) {
            existing.map(e -> e.get(overlay)).ifPresent(o -> source.set(overlay, o));
        }
        store.put(key, PRODUCT, source, List.of(), ProductDocuments.views(source));
        return true;
    }

    static boolean evaluation(IndexStore store, JsonNode evaluation, long sequence) {
        String productId = evaluation.path("productId").asText(null);
        if (productId == null) {
            return false;
        }
        String key = productKey(productId);
        Optional<JsonNode> existing = store.source(key);
        if (existing.isPresent()
                && existing.get().path("governance").path("sequence").asLong(-1) >= sequence) {
            return false;
        }
        ObjectNode source =
                copyOrFresh(existing, productId, evaluation.path("domainId").asText(null));
        ObjectNode governance = JSON.createObjectNode();
        governance.put("sequence", sequence);
        governance.put("productSequence", evaluation.path("productSequence").asLong());
        governance.put("version", evaluation.path("version").asText(null));
        governance.put("score", evaluation.path("score").asDouble());
        governance.put("rating", evaluation.path("rating").asText(null));
        governance.put("blockingFailures", evaluation.path("blockingFailures").asInt());
        governance.put("evaluatedAt", evaluation.path("evaluatedAt").asText(null));
        ArrayNode failing = governance.putArray("failingPolicies");
        for (JsonNode outcome : evaluation.path("outcomes")) {
            String result = outcome.path("outcome").asText();
            if (result.equals("FAIL") || result.equals("ERROR")) {
                ObjectNode f = failing.addObject();
                f.put("policyId", outcome.path("policyId").asText(null));
                f.put("name", outcome.path("name").asText(null));
                f.put("severity", outcome.path("severity").asText(null));
                f.put("outcome", result);
                f.put("message", outcome.path("message").asText(null));
                f.put("remediation", outcome.path("remediation").asText(null));
            }
        }
        source.set("governance", governance);
        store.put(key, PRODUCT, source, List.of(), ProductDocuments.views(source));
        return true;
    }

    /**
     * Applies a product's quality summary ({@code QualitySummary}), gated by the summary's own sequence:
     * governance counts quality changes apart from the registry's product versions. Before the product
     * itself is known the summary waits in a state document without views, as an evaluation does.
     */
    static boolean quality(IndexStore store, String productId, String domainId, JsonNode summary) {
        return overlay(store, productId, domainId, "quality", summary);
    }

    /**
     * Lays a summary another service keeps about a product (its quality, usage or attention) over the
     * product's state document under {@code field}, gated by the summary's own {@code sequence}: each
     * producer counts its records apart from the registry's product versions. Before the product itself
     * is known the summary waits in a state document without views.
     */
    static boolean overlay(IndexStore store, String productId, String domainId, String field, JsonNode summary) {
        String key = productKey(productId);
        Optional<JsonNode> existing = store.source(key);
        long sequence = summary.path("sequence").asLong();
        if (existing.isPresent() && existing.get().path(field).path("sequence").asLong(-1) >= sequence) {
            return false;
        }
        ObjectNode source = copyOrFresh(existing, productId, domainId);
        source.set(field, summary);
        store.put(key, PRODUCT, source, List.of(), ProductDocuments.views(source));
        return true;
    }

    /** A product's state document to add to: a copy of the existing one, or one with no product state yet. */
    private static ObjectNode copyOrFresh(Optional<JsonNode> existing, String productId, String domainId) {
        return existing.map(e -> ((ObjectNode) e).deepCopy()).orElseGet(() -> {
            ObjectNode fresh = JSON.createObjectNode();
            fresh.put("productId", productId);
            fresh.put("domainId", domainId);
            fresh.put("sequence", 0);
            return fresh;
        });
    }

    static boolean edge(IndexStore store, JsonNode edge, long sequence) {
        String edgeId = edge.path("edgeId").asText(null);
        if (edgeId == null) {
            return false;
        }
        String key = EDGE + ":" + edgeId;
        Optional<JsonNode> existing = store.source(key);
        if (existing.isPresent() && existing.get().path("sequence").asLong(-1) >= sequence) {
            return false;
        }
        ObjectNode source = JSON.createObjectNode();
        source.put("edgeId", edgeId);
        source.put("sequence", sequence);
        String from = edge.path("from").path("productId").asText(null);
        String to = edge.path("to").path("productId").asText(null);
        source.put("fromProduct", from);
        source.put("toProduct", to);
        source.put("fromDomain", edge.path("from").path("domainId").asText(null));
        source.put("toDomain", edge.path("to").path("domainId").asText(null));
        source.put("kind", edge.path("kind").asText(null));
        source.put("present", edge.path("present").asBoolean());
        Document fields = new Document();
        if (from != null) {
            fields.add(new StringField(Fields.FROM_PRODUCT, from, Field.Store.NO));
        }
        if (to != null) {
            fields.add(new StringField(Fields.TO_PRODUCT, to, Field.Store.NO));
        }
        fields.add(new StringField(
                Fields.PRESENT, Boolean.toString(edge.path("present").asBoolean()), Field.Store.NO));
        store.put(key, EDGE, source, List.of(fields), List.of());
        return true;
    }

    static boolean access(IndexStore store, JsonNode request, long sequence) {
        String requestId = request.path("requestId").asText(null);
        String productId = request.path("productId").asText(null);
        if (requestId == null || productId == null) {
            return false;
        }
        String key = ACCESS + ":" + requestId;
        Optional<JsonNode> existing = store.source(key);
        if (existing.isPresent() && existing.get().path("sequence").asLong(-1) >= sequence) {
            return false;
        }
        ObjectNode source = JSON.createObjectNode();
        source.put("requestId", requestId);
        source.put("sequence", sequence);
        source.put("productId", productId);
        source.put("portName", request.path("portName").asText(null));
        String subject = request.path("consumer").path("subject").asText(null);
        source.put("subject", subject);
        source.put("status", request.path("status").asText(null));
        source.put("requestedUntil", request.path("requestedUntil").asText(null));
        source.put("updatedAt", request.path("updatedAt").asText(null));
        Document fields = new Document();
        fields.add(new StringField(Fields.PRODUCT_ID, productId, Field.Store.NO));
        if (subject != null) {
            fields.add(new StringField(Fields.SUBJECT, subject, Field.Store.NO));
        }
        store.put(key, ACCESS, source, List.of(fields), List.of());
        return true;
    }
}
