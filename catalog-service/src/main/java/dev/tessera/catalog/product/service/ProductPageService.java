package dev.tessera.catalog.product.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.attention.service.AttentionClock;
import dev.tessera.catalog.attention.service.AttentionRecorder;
import dev.tessera.catalog.attention.service.PageView;
import dev.tessera.catalog.index.CatalogIndex;
import dev.tessera.catalog.index.Fields;
import dev.tessera.catalog.index.IndexStore;
import dev.tessera.catalog.index.ProductDocuments;
import dev.tessera.catalog.ingest.service.Projector;
import dev.tessera.catalog.quality.service.QualitySummary;
import dev.tessera.catalog.search.service.Visibility;
import dev.tessera.catalog.usage.service.ProductUsage;
import dev.tessera.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * A product page from the read model alone: the descriptor summary of the version the caller may see,
 * its compliance score and failing policies, its quality status per output port, how much it is used and
 * looked at, upstream and downstream counts with consuming products, and the caller's own access requests
 * to it.
 */
@ApplicationScoped
public class ProductPageService {

    /** Access request statuses from most to least useful to show as "your access". */
    static final List<String> ACCESS_PRECEDENCE =
            List.of("ACTIVE", "APPROVED", "REQUESTED", "FAILED", "REJECTED", "REVOKED", "EXPIRED");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CatalogIndex index;

    @Inject
    AttentionRecorder attention;

    @Inject
    AttentionClock clock;

    /**
     * The page, as {@link #page}, and a view of it by {@code viewer} (none for a service account), recorded
     * off the request's path: recording never slows or fails the page.
     */
    public ObjectNode open(
            String productId, Visibility visibility, String callerSubject, Optional<String> viewer, boolean viaSearch) {
        ObjectNode page = page(productId, visibility, callerSubject);
        viewer.ifPresent(v ->
                attention.viewed(new PageView(productId, page.path("domain").asText(null), v, viaSearch, clock.now())));
        return page;
    }

    /** The page, or 404 when the product is unknown or not visible to the caller (indistinguishably). */
    public ObjectNode page(String productId, Visibility visibility, String callerSubject) {
        IndexStore store = index.active();
        String view = visibleView(store, productId, visibility);
        JsonNode source = view == null
                ? null
                : store.source(Projector.productKey(productId)).orElse(null);
        if (source == null || !source.path("state").isObject()) {
            throw ApiException.notFound("No data product '" + productId + "' is visible to you in the catalog.");
        }
        JsonNode state = source.path("state");
        boolean internal = Fields.VIEW_INTERNAL.equals(view);
        JsonNode descriptor = internal ? state.path("descriptor") : state.path("publishedDescriptor");
        String version = internal
                ? state.path("headVersion").asText(null)
                : state.path("latestPublishedVersion").asText(null);
        ProductDocuments.Summary s = ProductDocuments.summary(state, descriptor, version);

        ObjectNode page = JSON.createObjectNode();
        page.put("id", productId);
        page.put("name", s.name());
        page.put("domain", s.domain());
        page.put("view", view);
        page.put("version", version);
        page.put("status", s.status());
        page.put("description", s.description());
        page.set("tags", strings(s.tags()));
        page.set("owners", strings(s.owners()));
        page.set("team", strings(s.members()));
        page.put("containsPii", s.containsPii());
        ArrayNode ports = page.putArray("outputPorts");
        s.ports().forEach(ports::add);
        ArrayNode versions = page.putArray("versions");
        for (JsonNode v : state.path("versions")) {
            // Public viewers see only versions that left the drafting table.
            String status = v.path("status").asText();
            if (internal || !(status.equals("DRAFT") || status.equals("PENDING_APPROVAL"))) {
                versions.add(v);
            }
        }
        page.put("updatedAt", s.updatedAt() == null ? null : s.updatedAt().toString());
        page.put("sequence", source.path("sequence").asLong());

        ObjectNode compliance = page.putObject("compliance");
        JsonNode governance = source.path("governance");
        if (governance.isObject()) {
            compliance.put("score", governance.path("score").asDouble());
            compliance.put("rating", governance.path("rating").asText(null));
            compliance.put("evaluatedVersion", governance.path("version").asText(null));
            compliance.put("evaluatedAt", governance.path("evaluatedAt").asText(null));
            compliance.set("failingPolicies", governance.path("failingPolicies"));
        } else {
            compliance.putNull("score");
            compliance.putArray("failingPolicies");
        }
        page.set("quality", quality(source.path("quality")));
        page.set("usage", ProductUsage.of(source).page());
        page.set("lineage", lineage(store, productId));
        page.set("access", access(store, productId, callerSubject));
        return page;
    }

    /** The sequence of the product state a page reflects, for ETags. */
    public long sequence(ObjectNode page) {
        return page.path("sequence").asLong();
    }

    private static String visibleView(IndexStore store, String productId, Visibility visibility) {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.PRODUCT_ID, productId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_VIEW)), BooleanClause.Occur.FILTER)
                .add(visibility.filter(), BooleanClause.Occur.FILTER)
                .build();
        return store.withSearcher(searcher -> {
            TopDocs top = searcher.search(q, 2);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            JsonNode hit = JSON.readTree(
                    searcher.storedFields().document(top.scoreDocs[0].doc).get(Fields.HIT));
            // The visibility filter lets exactly one view through: internal where the caller is privileged.
            return visibility.privilegedIn(hit.path("domain").asText(null)) ? Fields.VIEW_INTERNAL : Fields.VIEW_PUBLIC;
        });
    }

    /** The product's quality as governance last decided it: status, changedAt, ports with failing checks. */
    private static ObjectNode quality(JsonNode kept) {
        if (!kept.isObject()) {
            return QualitySummary.unknown();
        }
        ObjectNode quality = ((ObjectNode) kept).deepCopy();
        // The sequence orders status events; what a reader compares is changedAt.
        quality.remove("sequence");
        return quality;
    }

    private static ObjectNode lineage(IndexStore store, String productId) {
        List<JsonNode> in = edges(store, Fields.TO_PRODUCT, productId);
        List<JsonNode> out = edges(store, Fields.FROM_PRODUCT, productId);
        TreeSet<String> upstream = new TreeSet<>();
        for (JsonNode e : in) {
            String from = e.path("fromProduct").asText(null);
            if (from != null && !from.equals(productId)) {
                upstream.add(from);
            }
        }
        Map<String, String> downstream = new TreeMap<>();
        for (JsonNode e : out) {
            String to = e.path("toProduct").asText(null);
            if (to != null && !to.equals(productId)) {
                downstream.put(to, e.path("toDomain").asText(null));
            }
        }
        ObjectNode lineage = JSON.createObjectNode();
        lineage.put("upstreamCount", upstream.size());
        lineage.put("downstreamCount", downstream.size());
        ArrayNode consumers = lineage.putArray("consumers");
        downstream.entrySet().stream().limit(100).forEach(e -> {
            ObjectNode c = consumers.addObject();
            c.put("productId", e.getKey());
            c.put("domain", e.getValue());
        });
        return lineage;
    }

    private static List<JsonNode> edges(IndexStore store, String field, String productId) {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(field, productId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.PRESENT, "true")), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.STATE_TYPE, Projector.EDGE)), BooleanClause.Occur.FILTER)
                .build();
        return sources(store, q, 10_000);
    }

    private static ObjectNode access(IndexStore store, String productId, String subject) {
        Query q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.PRODUCT_ID, productId)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.SUBJECT, subject)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.STATE_TYPE, Projector.ACCESS)), BooleanClause.Occur.FILTER)
                .build();
        List<JsonNode> requests = new ArrayList<>(sources(store, q, 1_000));
        requests.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        ObjectNode access = JSON.createObjectNode();
        access.put(
                "status",
                requests.isEmpty() ? "NONE" : requests.get(0).path("status").asText());
        ArrayNode list = access.putArray("requests");
        for (JsonNode r : requests) {
            ObjectNode item = list.addObject();
            item.put("requestId", r.path("requestId").asText());
            item.put("port", r.path("portName").asText(null));
            item.put("status", r.path("status").asText(null));
            item.put("requestedUntil", r.path("requestedUntil").asText(null));
        }
        return access;
    }

    private static int rank(JsonNode request) {
        int i = ACCESS_PRECEDENCE.indexOf(request.path("status").asText());
        return i < 0 ? ACCESS_PRECEDENCE.size() : i;
    }

    private static List<JsonNode> sources(IndexStore store, Query q, int max) {
        return store.withSearcher(searcher -> {
            List<JsonNode> out = new ArrayList<>();
            for (ScoreDoc d : searcher.search(q, max).scoreDocs) {
                out.add(JSON.readTree(searcher.storedFields().document(d.doc).get(Fields.SOURCE)));
            }
            return out;
        });
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
