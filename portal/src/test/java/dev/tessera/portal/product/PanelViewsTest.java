package dev.tessera.portal.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The score, quality and version-comparison views read governance's and the registry's answers (shapes
 * as the services serve them) into what their panels show.
 */
class PanelViewsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String EVALUATION = """
            {"id":7,"productId":"retail-orders","sequence":3,"productSequence":5,"version":"2.0.0","domainId":"retail",
             "score":71.4,"rating":"C","blockingFailures":1,"trigger":"PRODUCT_CHANGED",
             "outcomes":[
              {"policyId":"owner-and-support","policyVersion":1,"name":"Owner and support channel","severity":"BLOCKING",
               "outcome":"PASS","evidence":{"owners":["dora"]}},
              {"policyId":"retail-tags","policyVersion":2,"name":"Retail products are tagged by channel","severity":"WARNING",
               "outcome":"FAIL","message":"No channel tag.","remediation":"Tag the product web or store.",
               "evidence":{"tags":["retail"],"count":1}},
              {"policyId":"quality-checks-pass","policyVersion":1,"name":"Quality checks pass","severity":"WARNING",
               "outcome":"NOT_APPLICABLE"},
              {"policyId":"breaking-change-announced","policyVersion":1,"name":"Breaking changes are announced",
               "severity":"BLOCKING","outcome":"FAIL","message":"This version breaks the contract.",
               "remediation":"Publish it as a new major version.","evidence":{"findings":[{"rule":"property-removed"}]}}],
             "evaluatedAt":"2026-12-07T10:00:00Z"}
            """;

    static final String QUALITY = """
            {"productId":"retail-customers","status":"FAILING","lastCheckedAt":"2026-12-07T09:00:00Z","lastPassedAt":null,
             "ports":[{"port":"retail-customers-table","status":"FAILING",
               "freshness":{"status":"FRESH","sla":"1 d","lastWriteAt":"2026-12-07T09:00:00Z","deadline":"2026-12-08T09:00:00Z"},
               "checks":[
                {"checkId":"c1","source":"CONTRACT_RULE","name":"rowCount","column":null,"outcome":"FAIL","severity":"error",
                 "observed":"12","operator":"mustBeGreaterThan","threshold":"1000","unit":"rows",
                 "observedAt":"2026-12-07T09:00:00Z","runId":"r1","lineageEvent":"/api/v1/lineage/events/9"},
                {"checkId":"c2","source":"ASSERTION","name":null,"column":"id","outcome":"PASS",
                 "observedAt":"2026-12-07T09:00:00Z"}],
               "history":[]}],
             "incidents":[{"port":"retail-customers-table","checkId":"c1","name":"rowCount","observed":"12",
               "openedAt":"2026-12-07T09:00:00Z"}]}
            """;

    static final String DIFF = """
            {"productId":"retail-orders","from":"1.0.0","to":"2.0.0",
             "changes":[
              {"op":"changed","path":"version","before":"1.0.0","after":"2.0.0"},
              {"op":"removed","path":"outputPorts[retail-orders-table].contract.schema[orders].properties[customer_email]",
               "before":{"name":"customer_email","logicalType":"string","tags":["pii"]}},
              {"op":"added","path":"tags[1]","after":"web"}],
             "findings":[
              {"severity":"NON_BREAKING","rule":"tag-added","path":"tags","message":"A tag was added."},
              {"severity":"BREAKING","rule":"property-removed",
               "path":"outputPorts[retail-orders-table].contract.schema[orders].properties[customer_email]",
               "message":"Property customer_email was removed."}]}
            """;

    @Test
    void theScoreListsFailuresFirstBlockingBeforeAdvisoryWithEvidenceAndRemediation() throws Exception {
        ScoreView score = ScoreView.of(JSON.readTree(EVALUATION));

        assertThat(score.rating()).isEqualTo("C");
        assertThat(score.score()).isEqualTo("71");
        assertThat(score.version()).isEqualTo("2.0.0");
        assertThat(score.blockingFailures()).isEqualTo(1);
        assertThat(score.evaluatedAt()).isEqualTo("2026-12-07 10:00 UTC");
        assertThat(score.trigger()).isEqualTo("product changed");
        assertThat(score.outcomes())
                .extracting(ScoreView.Outcome::policyId)
                .containsExactly(
                        "breaking-change-announced", "retail-tags", "owner-and-support", "quality-checks-pass");
        assertThat(score.passing()).isEqualTo(1);
        assertThat(score.failing()).isEqualTo(2);
        ScoreView.Outcome tags = score.outcomes().get(1);
        assertThat(tags.result()).isEqualTo("Fails");
        assertThat(tags.blocking()).isFalse();
        assertThat(tags.remediation()).isEqualTo("Tag the product web or store.");
        assertThat(tags.evidence())
                .extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("tags=[\"retail\"]", "count=1");
        assertThat(score.outcomes().get(3).result()).isEqualTo("Does not apply");
    }

    @Test
    void qualityShowsEachPortsStatusFreshnessAndItsChecksLatestResults() throws Exception {
        QualityView quality = QualityView.of(JSON.readTree(QUALITY));

        assertThat(quality.status()).isEqualTo("FAILING");
        assertThat(quality.lastPassedAt()).isNull();
        assertThat(quality.ports()).singleElement().satisfies(port -> {
            assertThat(port.name()).isEqualTo("retail-customers-table");
            assertThat(port.freshness()).isEqualTo("FRESH");
            assertThat(port.sla()).isEqualTo("1 d");
            assertThat(port.deadline()).isEqualTo("2026-12-08 09:00 UTC");
            assertThat(port.checks()).hasSize(2);
            QualityView.Check rows = port.checks().getFirst();
            assertThat(rows.failing()).isTrue();
            assertThat(rows.observed()).isEqualTo("12");
            assertThat(rows.expected()).isEqualTo("mustBeGreaterThan 1000 rows");
            QualityView.Check ids = port.checks().get(1);
            assertThat(ids.name()).as("a check without a name shows its id").isEqualTo("c2");
            assertThat(ids.column()).isEqualTo("id");
            assertThat(ids.expected()).isNull();
        });
        assertThat(quality.incidents())
                .singleElement()
                .extracting(QualityView.Incident::name)
                .isEqualTo("rowCount");
    }

    @Test
    void theComparisonPutsBreakingFindingsFirstAndMarksTheChangesTheyAreAbout() throws Exception {
        VersionDiffView diff = VersionDiffView.of(JSON.readTree(DIFF));

        assertThat(diff.from()).isEqualTo("1.0.0");
        assertThat(diff.to()).isEqualTo("2.0.0");
        assertThat(diff.breakingCount()).isEqualTo(1);
        assertThat(diff.findings())
                .extracting(VersionDiffView.Finding::rule)
                .containsExactly("property-removed", "tag-added");
        assertThat(diff.changes()).extracting(VersionDiffView.Change::breaking).containsExactly(false, true, false);
        VersionDiffView.Change removed = diff.changes().get(1);
        assertThat(removed.after()).isNull();
        assertThat(removed.before()).contains("\"customer_email\"");
        assertThat(diff.changes().getFirst().before()).isEqualTo("1.0.0");
    }

    static final String USAGE = """
            {"productId":"retail-orders","domainId":"retail","days":30,"from":"2026-11-08","to":"2026-12-07",
             "asOf":"2026-12-07T10:00:00Z",
             "totals":{"consumers":{"declared":1,"granted":2,"observed":3,"shadow":1,"total":4},"reads":57,
                       "lastReadAt":"2026-12-07T09:30:00Z"},
             "daily":[],"attention":{"pageViews":12,"viewers":5,"clickThroughs":3},
             "unused":false,"unusedAfterDays":90,"consumersShown":true,
             "consumers":[
              {"kinds":["DECLARED","OBSERVED"],"shadow":false,"productId":"finance-revenue","reads":50,
               "lastReadAt":"2026-12-07T09:30:00Z"},
              {"kinds":["OBSERVED"],"shadow":true,"subject":"svc-reporting","reads":7}]}
            """;

    @Test
    void usageCountsConsumersByKindAndListsThemWhenLineageShowsThem() throws Exception {
        UsageView usage = UsageView.of(JSON.readTree(USAGE));

        assertThat(usage.total()).isEqualTo(4);
        assertThat(usage.declared()).isEqualTo(1);
        assertThat(usage.shadow()).isEqualTo(1);
        assertThat(usage.reads()).isEqualTo(57);
        assertThat(usage.lastReadAt()).isEqualTo("2026-12-07 09:30 UTC");
        assertThat(usage.pageViews()).isEqualTo(12);
        assertThat(usage.consumers()).hasSize(2);
        assertThat(usage.consumers().getFirst().href()).isEqualTo("/products/finance-revenue");
        assertThat(usage.consumers().getFirst().kinds()).isEqualTo("declared, observed");
        assertThat(usage.consumers().get(1).name()).isEqualTo("svc-reporting");
        assertThat(usage.consumers().get(1).shadow()).isTrue();

        UsageView record = UsageView.of(JSON.readTree("""
                {"productId":"p","consumers":{"declared":0,"granted":1,"observed":0,"shadow":0,"total":1},
                 "readsLast30Days":4,"unused":true,"unusedAfterDays":90,"unusedSince":"2026-10-01T00:00:00Z"}
                """));
        assertThat(record.granted()).isEqualTo(1);
        assertThat(record.reads()).isEqualTo(4);
        assertThat(record.unused()).isTrue();
        assertThat(record.unusedSince()).isEqualTo("2026-10-01 00:00 UTC");
        assertThat(record.pageViews()).as("no attention reported").isEqualTo(-1);
        assertThat(record.consumers()).isEmpty();
    }

    @Test
    void pathsAreRelatedOnlyAtAFieldOrIndexBoundary() {
        assertThat(VersionDiffView.related("a.b", "a.b")).isTrue();
        assertThat(VersionDiffView.related("a.b.c", "a.b")).isTrue();
        assertThat(VersionDiffView.related("a.b", "a.b[x]")).isTrue();
        assertThat(VersionDiffView.related("a.bc", "a.b")).isFalse();
        assertThat(VersionDiffView.related("", "a")).isFalse();
    }
}
