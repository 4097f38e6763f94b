package dev.tessera.catalog.index;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.catalog.ingest.service.Projector;
import dev.tessera.catalog.ingest.service.Rebuilder;
import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.catalog.support.Events;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index can be lost or tampered with: a rebuild from the topics and reconciliation bring it back. */
@QuarkusTest
@CatalogTestResources
class RebuildAndReconciliationTest {

    @Inject
    CatalogIndex index;

    @Inject
    Rebuilder rebuilder;

    private String domain;
    private String kept;
    private String deleted;
    private String corrupted;
    private String viewless;

    @BeforeEach
    void products() {
        Api.awaitReady();
        domain = unique("drift");
        kept = unique("kept");
        deleted = unique("deleted");
        corrupted = unique("corrupted");
        viewless = unique("viewless");
        for (String id : List.of(kept, deleted, corrupted, viewless)) {
            Events.product(Events.published(
                    id,
                    domain,
                    5,
                    Events.descriptor(
                            id, "Drift " + id, domain, "Drift detection", List.of("drift"), "rob", "tables", false)));
        }
        Events.evaluation(kept, domain, 2, 91, "A", null);
        await().atMost(WAIT).until(() -> total(TestTokens.platformAdmin(), "A") == 1 && total(null, null) == 4);
    }

    @Test
    void reconciliationFindsInjectedDriftAndRepairsIt() {
        // Tamper with the index directly, behind the read model's back.
        index.apply(store -> {
            store.delete(Projector.productKey(deleted));
            ObjectNode wrong = (ObjectNode)
                    store.source(Projector.productKey(corrupted)).orElseThrow().deepCopy();
            ((ObjectNode) wrong.path("state")).put("name", "Tampered");
            store.put(
                    Projector.productKey(corrupted),
                    Projector.PRODUCT,
                    wrong,
                    List.of(),
                    ProductDocuments.views(wrong));
            store.deleteMatching(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.PRODUCT_ID, viewless)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_VIEW)), BooleanClause.Occur.FILTER)
                    .build());
            String extra = unique("ghost");
            ObjectNode ghost = wrong.deepCopy();
            ghost.put("productId", extra);
            ((ObjectNode) ghost.path("state")).put("productId", extra);
            store.put(Projector.productKey(extra), Projector.PRODUCT, ghost, List.of(), ProductDocuments.views(ghost));
        });
        assertThat(total(null, null)).isEqualTo(3);

        JsonPath report = reconcile(false);
        assertThat(report.getList("differences.findAll { it.productId == '" + deleted + "' }.kind"))
                .containsExactly("MISSING");
        assertThat(report.getList("differences.findAll { it.productId == '" + corrupted + "' }.kind"))
                .containsExactly("CORRUPT");
        assertThat(report.getList("differences.findAll { it.productId == '" + viewless + "' }.kind"))
                .containsExactly("MISSING_VIEW");
        assertThat(report.getList("differences.kind", String.class)).contains("EXTRA");
        assertThat(report.getList("differences.findAll { it.productId == '" + kept + "' }"))
                .isEmpty();
        assertThat(metric("tessera_catalog_drift")).isGreaterThanOrEqualTo(4);

        JsonPath repaired = reconcile(true);
        assertThat(repaired.getBoolean("repaired")).isTrue();
        assertThat(reconcile(false).getList("differences")).isEmpty();
        assertThat(reconcile(false).getInt("differenceCount")).isZero();
        assertThat(metric("tessera_catalog_drift")).isZero();
        assertThat(total(null, null)).isEqualTo(4);
        Api.admin()
                .get(Api.BASE + "/products/" + corrupted)
                .then()
                .statusCode(200)
                .body("name", equalTo("Drift " + corrupted));
        // Governance's part of a repaired product is kept.
        assertThat(total(TestTokens.platformAdmin(), "A")).isEqualTo(1);
    }

    @Test
    void everyKindOfDriftIsFoundAndOnlyTheDifferingProductsAreRepaired() {
        String stale = kept;
        String ahead = unique("ahead");
        Events.product(Events.published(
                ahead,
                domain,
                5,
                Events.descriptor(
                        ahead, "Drift " + ahead, domain, "Drift detection", List.of("drift"), "rob", "tables", false)));
        await().atMost(WAIT).until(() -> total(null, null) == 5);
        String extra = unique("ghost");
        index.apply(store -> {
            // Stale: an older sequence than the registry's newest (governance's part stays as it is).
            ObjectNode older = (ObjectNode)
                    store.source(Projector.productKey(stale)).orElseThrow().deepCopy();
            older.put("sequence", 3);
            store.put(Projector.productKey(stale), Projector.PRODUCT, older, List.of(), ProductDocuments.views(older));
            // Ahead: a newer sequence than the registry ever published.
            ObjectNode newer = (ObjectNode)
                    store.source(Projector.productKey(ahead)).orElseThrow().deepCopy();
            newer.put("sequence", 9);
            ((ObjectNode) newer.path("state")).put("name", "From the future");
            store.put(Projector.productKey(ahead), Projector.PRODUCT, newer, List.of(), ProductDocuments.views(newer));
            store.delete(Projector.productKey(deleted));
            ObjectNode wrong = (ObjectNode)
                    store.source(Projector.productKey(corrupted)).orElseThrow().deepCopy();
            ((ObjectNode) wrong.path("state").path("descriptor")).put("name", "Tampered");
            store.put(
                    Projector.productKey(corrupted),
                    Projector.PRODUCT,
                    wrong,
                    List.of(),
                    ProductDocuments.views(wrong));
            store.deleteMatching(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.PRODUCT_ID, viewless)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_VIEW)), BooleanClause.Occur.FILTER)
                    .build());
            ObjectNode ghost = wrong.deepCopy();
            ghost.put("productId", extra);
            ((ObjectNode) ghost.path("state")).put("productId", extra);
            store.put(Projector.productKey(extra), Projector.PRODUCT, ghost, List.of(), ProductDocuments.views(ghost));
        });

        JsonPath report = reconcile(false);
        assertThat(kinds(report, stale)).containsExactly("STALE");
        assertThat(kinds(report, ahead)).containsExactly("AHEAD");
        assertThat(kinds(report, deleted)).containsExactly("MISSING");
        assertThat(kinds(report, corrupted)).containsExactly("CORRUPT");
        assertThat(kinds(report, viewless)).containsExactly("MISSING_VIEW");
        assertThat(kinds(report, extra)).containsExactly("EXTRA");
        assertThat(report.getLong("differences.find { it.productId == '" + stale + "' }.indexSequence"))
                .isEqualTo(3);
        assertThat(report.getLong("differences.find { it.productId == '" + ahead + "' }.registrySequence"))
                .isEqualTo(5);
        int found = report.getInt("differenceCount");
        assertThat(found).isEqualTo(report.getList("differences").size()).isGreaterThanOrEqualTo(6);
        // Reporting changed nothing.
        assertThat(kinds(reconcile(false), ahead)).containsExactly("AHEAD");

        double repairedBefore = metric("tessera_catalog_drift_repaired_total");
        JsonPath repaired = reconcile(true);
        assertThat(repaired.getBoolean("repaired")).isTrue();
        assertThat(repaired.getInt("differenceCount")).isEqualTo(found);
        // One write per differing product: the products that agreed were not re-indexed.
        assertThat(metric("tessera_catalog_drift_repaired_total") - repairedBefore)
                .isEqualTo(found);
        assertThat(reconcile(false).getInt("differenceCount")).isZero();
        assertThat(total(null, null)).isEqualTo(5);
        assertThat(index.active().source(Projector.productKey(extra))).isEmpty();
        for (String id : List.of(stale, ahead, corrupted, deleted, viewless)) {
            Api.admin().get(Api.BASE + "/products/" + id).then().statusCode(200).body("name", equalTo("Drift " + id));
            assertThat(index.active()
                            .source(Projector.productKey(id))
                            .orElseThrow()
                            .path("sequence")
                            .asLong())
                    .isEqualTo(5);
        }
        assertThat(total(TestTokens.platformAdmin(), "A")).isEqualTo(1);
    }

    @Test
    void aReconciliationExcludesAnotherOneAndARebuildWaitsForIt() {
        int generation = index.generation();
        // As if a reconciliation were running.
        assertThat(index.beginReconciliation()).isTrue();
        try {
            assertThat(index.beginReconciliation()).isFalse();
            Api.admin()
                    .queryParam("repair", true)
                    .post(Api.BASE + "/index/reconciliation")
                    .then()
                    .statusCode(409);
            Api.admin().post(Api.BASE + "/index/rebuild").then().statusCode(202);
            await().atMost(WAIT).until(index::isRebuilding);
            // The rebuild waits: no generation is built or swapped in under the reconciliation.
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> index.building() == null && index.generation() == generation);
            Api.admin().post(Api.BASE + "/index/rebuild").then().statusCode(409);
            Api.admin().post(Api.BASE + "/index/reconciliation").then().statusCode(409);
        } finally {
            index.endReconciliation();
        }
        await().atMost(WAIT).until(() -> index.generation() > generation && !index.isRebuilding());
        assertThat(total(null, null)).isEqualTo(4);
        assertThat(reconcile(false).getInt("differenceCount")).isZero();
    }

    @Test
    void aLostIndexIsRebuiltFromTheTopicsAsideAndSwappedIn() {
        int generation = index.generation();
        index.apply(store -> store.deleteMatching(new MatchAllDocsQuery()));
        assertThat(total(null, null)).isZero();

        Api.consumer().post(Api.BASE + "/index/rebuild").then().statusCode(403);
        Api.admin()
                .header("X-Request-Id", "rebuild-" + generation)
                .post(Api.BASE + "/index/rebuild")
                .then()
                .statusCode(202);
        await().atMost(WAIT).until(() -> index.generation() > generation && !index.isRebuilding());
        Api.admin()
                .queryParam("requestId", "rebuild-" + generation)
                .get(Api.BASE + "/audit")
                .then()
                .statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("index.rebuild-requested"))
                .body("items.actor", org.hamcrest.Matchers.contains("alice-admin"));

        assertThat(total(null, null)).isEqualTo(4);
        assertThat(total(TestTokens.platformAdmin(), "A")).isEqualTo(1);
        Api.admin()
                .get(Api.BASE + "/index")
                .then()
                .statusCode(200)
                .body("generation", equalTo(index.generation()))
                .body("ready", equalTo(true))
                .body("lastRebuild.generation", equalTo(index.generation()));
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
        // Events keep flowing into the new generation.
        String late = unique("late");
        Events.product(Events.published(
                late,
                domain,
                1,
                Events.descriptor(late, "Late", domain, "After the swap", List.of(), "rob", "tables", false)));
        await().atMost(WAIT).until(() -> total(null, null) == 5);
    }

    @Test
    void anIndexOfAnotherFormatIsRebuiltAsideWhileTheOldOneKeepsServing() {
        int generation = index.generation();
        // Tell the generations apart: the live one loses a product that the topics still hold.
        index.apply(store -> store.delete(Projector.productKey(deleted)));
        assertThat(total(null, null)).isEqualTo(3);
        assertThat(rebuilder.rebuildIfStale()).isFalse();

        // The live index as an older release of the service committed it.
        index.active().commit(CatalogIndex.FORMAT_VERSION - 1);
        assertThat(index.staleReason())
                .isEqualTo("index format " + (CatalogIndex.FORMAT_VERSION - 1) + " found, "
                        + CatalogIndex.FORMAT_VERSION + " expected");
        assertThat(rebuilder.rebuildIfStale()).isTrue();

        // Hold the new generation still while it is being built: the old one answers searches meanwhile.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> index.building() != null);
        IndexStore building = index.building();
        synchronized (building) {
            assertThat(index.isRebuilding()).isTrue();
            assertThat(index.generation()).isEqualTo(generation);
            assertThat(total(null, null)).isEqualTo(3);
            io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
        }

        await().atMost(WAIT).until(() -> index.generation() > generation && !index.isRebuilding());
        assertThat(total(null, null)).isEqualTo(4);
        assertThat(index.staleReason()).isNull();
        assertThat(IndexStore.committedFormat(index.active().path())).isEqualTo(CatalogIndex.FORMAT_VERSION);
        Api.admin()
                .get(Api.BASE + "/index")
                .then()
                .statusCode(200)
                .body("generation", equalTo(index.generation()))
                .body(
                        "lastRebuild.reason",
                        equalTo("index format " + (CatalogIndex.FORMAT_VERSION - 1) + " found, "
                                + CatalogIndex.FORMAT_VERSION + " expected"));
    }

    private int total(String token, String rating) {
        var request = Api.as(token == null ? TestTokens.dataConsumer() : token).queryParam("domain", domain);
        if (rating != null) {
            request.queryParam("rating", rating);
        }
        return request.get(Api.BASE + "/search")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static List<String> kinds(JsonPath report, String productId) {
        return report.getList("differences.findAll { it.productId == '" + productId + "' }.kind", String.class);
    }

    private static JsonPath reconcile(boolean repair) {
        return Api.admin()
                .queryParam("repair", repair)
                .post(Api.BASE + "/index/reconciliation")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static double metric(String name) {
        String body = io.restassured.RestAssured.given().get("/q/metrics").asString();
        return body.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }
}
