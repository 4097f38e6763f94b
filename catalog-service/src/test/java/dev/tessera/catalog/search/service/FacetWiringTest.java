package dev.tessera.catalog.search.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.catalog.index.Facet;
import dev.tessera.catalog.index.Facets;
import dev.tessera.catalog.index.IndexStore;
import dev.tessera.catalog.ingest.service.IncomingEvent;
import dev.tessera.catalog.ingest.service.Projector;
import dev.tessera.catalog.support.Events;
import dev.tessera.events.EventType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every declared facet is wired end to end: indexing gives two products that differ in everything a value
 * of it, search counts those values, and filtering on a counted value (read back the way a caller's
 * value is read) finds exactly the products counted for it. A facet added to {@link Facets#ALL} without
 * an extractor, an index field, a filter or a count fails here.
 */
class FacetWiringTest {

    private static final String A = "wired-a";
    private static final String B = "wired-b";

    @TempDir
    Path dir;

    @Test
    void everyFacetIndexesCountsAndFiltersWhatItDeclares() throws Exception {
        try (IndexStore store = IndexStore.open(dir.resolve("index"))) {
            index(store);
            Visibility admin = new Visibility(true, Set.of());
            store.withSearcher(searcher -> {
                SearchService.Found all = SearchService.found(searcher, request(Map.of()), admin);
                assertThat(all.ids()).containsExactlyInAnyOrder(A, B);
                assertThat(all.facets().keySet())
                        .containsExactlyElementsOf(
                                Facets.ALL.stream().map(Facet::name).toList());
                for (Facet facet : Facets.ALL) {
                    Map<String, Integer> counted = all.facets().get(facet.name());
                    assertThat(counted).as("values of %s", facet.name()).isNotEmpty();
                    boolean tellsApart = false;
                    for (var value : counted.entrySet()) {
                        Facet.Read read = facet.read(value.getKey());
                        assertThat(read)
                                .as("%s reads its own value %s", facet.name(), value.getKey())
                                .isEqualTo(new Facet.Read.Value(value.getKey()));
                        List<String> found = found(searcher, facet, value.getKey(), admin);
                        assertThat(found)
                                .as("%s=%s", facet.name(), value.getKey())
                                .hasSize(value.getValue());
                        tellsApart |= found.equals(List.of(A));
                    }
                    assertThat(tellsApart)
                            .as("a value of %s finds the first product alone", facet.name())
                            .isTrue();
                }
                return null;
            });
        }
    }

    private static List<String> found(IndexSearcher searcher, Facet facet, String value, Visibility visibility)
            throws java.io.IOException {
        return SearchService.found(searcher, request(Map.of(facet, List.of(value))), visibility)
                .ids();
    }

    private static SearchRequest request(Map<Facet, List<String>> filters) {
        return new SearchRequest(null, filters, "name", 50, null);
    }

    /** A published product with every fact a facet may be drawn from, and a draft differing in all of them. */
    private static void index(IndexStore store) {
        Projector.product(
                store,
                json(Events.published(
                        A,
                        "wired-sales",
                        1,
                        Events.descriptor(
                                A, "Alpha", "wired-sales", "First", List.of("Orders"), "olga", "tables", true))),
                1,
                false);
        Projector.product(
                store,
                json(Events.draft(
                        B,
                        "wired-ops",
                        1,
                        Events.descriptor(B, "Beta", "wired-ops", "Second", List.of("stock"), "otto", "files", false))),
                1,
                false);
        apply(store, EventType.EVALUATION_COMPLETED, A, 1, evaluation(A, "wired-sales", 91, "A"));
        apply(store, EventType.EVALUATION_COMPLETED, B, 1, evaluation(B, "wired-ops", 40, "D"));
        apply(store, EventType.QUALITY_STATUS_CHANGED, A, 1, Events.qualityStatus(A, "wired-sales", 1, "PASSING"));
        apply(
                store,
                EventType.USAGE_CONSUMER_ADDED,
                A,
                1,
                Events.usage(A, "wired-sales", 1, 2, 7, Instant.now().minusSeconds(3_600), "CONSUMER_ADDED"));
        store.refresh();
    }

    private static Object evaluation(String id, String domain, double score, String rating) {
        return new dev.tessera.events.governance.EvaluationV1(
                id, 1, 1, "1.0.0", domain, score, rating, 0, List.of(), Instant.now());
    }

    private static void apply(IndexStore store, EventType type, String key, long sequence, Object payload) {
        Projector.apply(
                store,
                new IncomingEvent(
                        type.topic(),
                        UUID.randomUUID().toString(),
                        type.type(),
                        "/tessera/test",
                        key,
                        Instant.now(),
                        sequence,
                        type.dataSchema().toString(),
                        json(payload)));
    }

    private static JsonNode json(Object value) {
        return Events.JSON.valueToTree(value);
    }
}
