package dev.tessera.catalog.search.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.index.Facets;
import dev.tessera.catalog.index.IndexStore;
import dev.tessera.catalog.ingest.service.Projector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search split into parts, some of them cutting a segment in two, finds what the same search finds on
 * one thread: the same number of matches, the same page in the same order and the same facet counts.
 */
class SlicedSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORDS =
            List.of("data", "orders", "customer", "inventory", "payments", "shipping", "ledger", "clicks");

    @TempDir
    Path dir;

    @Test
    void aSplitSearchFindsWhatOneThreadFinds() throws Exception {
        try (IndexStore store = IndexStore.open(dir.resolve("index"))) {
            Random random = new Random(11);
            for (int i = 0; i < 1_200; i++) {
                Projector.product(store, state(i, random), 1, false);
                if (i % 200 == 199) {
                    store.refresh(); // a segment per 200 products, as a live index has several
                }
            }
            store.refresh();
            Visibility consumer = new Visibility(false, Set.of());
            Visibility admin = new Visibility(true, Set.of());
            List<SearchRequest> requests = List.of(
                    new SearchRequest("data", Map.of(), "relevance", 20, null),
                    new SearchRequest("orders customer", Map.of(), "relevance", 20, null),
                    new SearchRequest("invnetory", Map.of(), "relevance", 20, null),
                    new SearchRequest(null, Map.of(), "name", 50, null),
                    new SearchRequest("data", Map.of(Facets.TAG, List.of("tag3", "tag5")), "updated", 20, null),
                    new SearchRequest(null, Map.of(Facets.DOMAIN, List.of("domain2")), "compliance", 20, null));
            store.withSearcher(shared -> {
                assertThat(shared.getIndexReader().leaves()).hasSizeGreaterThan(1);
                for (SearchRequest request : requests) {
                    for (Visibility visibility : List.of(consumer, admin)) {
                        SlicedSearcher split = new SlicedSearcher(shared.getIndexReader(), 3);
                        if (SlicedSearcher.PARTS > 1) {
                            assertThat(split.getSlices()).hasSizeGreaterThan(1);
                        }
                        SearchService.Found parts = SearchService.found(split, request, visibility);
                        SearchService.Found whole =
                                SearchService.found(new IndexSearcher(shared.getIndexReader()), request, visibility);
                        assertThat(parts).as(request + " as " + visibility).isEqualTo(whole);
                        assertThat(whole.total())
                                .as(request + " finds something")
                                .isPositive();
                    }
                }
                return null;
            });
        }
    }

    /** Product n: a few words for a name, tags, an owner and a port; published or still a draft. */
    private static ObjectNode state(int n, Random random) {
        String id = "p" + n;
        String domain = "domain" + random.nextInt(6);
        String name = WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size()));
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("apiVersion", "v1.0.0");
        descriptor.put("kind", "DataProduct");
        descriptor.put("id", id);
        descriptor.put("name", name);
        descriptor.put("version", "1.0.0");
        descriptor.put("domain", domain);
        descriptor.putObject("description").put("purpose", "Curated data about " + name);
        ArrayNode tags = descriptor.putArray("tags");
        tags.add("tag" + random.nextInt(8));
        tags.add("tag" + random.nextInt(8));
        descriptor
                .putObject("team")
                .putArray("members")
                .addObject()
                .put("username", "user" + random.nextInt(20))
                .put("role", "owner");
        descriptor
                .putArray("outputPorts")
                .addObject()
                .put("name", "port")
                .put("version", "1.0.0")
                .put("type", random.nextBoolean() ? "tables" : "files");
        boolean published = n % 3 != 0;
        ObjectNode state = JSON.createObjectNode();
        state.put("productId", id);
        state.put("sequence", 1);
        state.put("domainId", domain);
        state.put("name", name);
        state.put("headVersion", "1.0.0");
        state.putArray("versions").addObject().put("version", "1.0.0").put("status", published ? "PUBLISHED" : "DRAFT");
        state.set("descriptor", descriptor);
        if (published) {
            state.put("latestPublishedVersion", "1.0.0");
            state.set("publishedDescriptor", descriptor);
        }
        state.put("updatedAt", "2026-01-01T00:00:0" + (n % 10) + "Z");
        return state;
    }
}
