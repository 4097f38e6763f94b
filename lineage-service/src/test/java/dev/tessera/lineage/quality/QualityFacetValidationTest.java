package dev.tessera.lineage.quality;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.QualityEvents;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A malformed quality facet refuses the whole call with a 400 naming the field, and nothing of it
 * is stored or sent: no event, no observation.
 */
@QuarkusTest
@LineageTestResources
class QualityFacetValidationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String P =
            "\"_producer\": \"https://example.com\", \"_schemaURL\": \"https://example.com/f.json\"";
    private static final String NON_NEGATIVE = "must be a non-negative integer";

    @Inject
    DataSource database;

    /** Each malformed shape: the dataset's facet members (or the run's), where the problem is, what it says. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                output(
                        "\"outputFacets\": {\"dataQualityMetrics\": {" + P
                                + ", \"columnMetrics\": {\"id\": {\"nullCount\": -1}}}}",
                        "/outputs/0/outputFacets/dataQualityMetrics/columnMetrics/id/nullCount",
                        NON_NEGATIVE),
                input(
                        "\"inputFacets\": {\"dataQualityAssertions\": {" + P + ", \"assertions\": ["
                                + "{\"assertion\": \"a\", \"success\": true}, {\"assertion\": \"b\", \"success\": false},"
                                + " {\"assertion\": \"c\", \"success\": \"yes\"}]}}",
                        "/inputs/0/inputFacets/dataQualityAssertions/assertions/2/success",
                        "must be a boolean"),
                output(
                        "\"facets\": {\"dataQualityAssertions\": {" + P + ", \"assertions\": {\"not_null\": true}}}",
                        "/outputs/0/facets/dataQualityAssertions/assertions",
                        "assertions array"),
                output(
                        "\"facets\": {\"dataQualityAssertions\": {" + P + ", \"assertions\": [{\"success\": true}]}}",
                        "/outputs/0/facets/dataQualityAssertions/assertions/0/assertion",
                        "must be a non-empty string"),
                output(
                        "\"facets\": {\"dataQualityAssertions\": {" + P
                                + ", \"assertions\": [{\"assertion\": \"x\", \"success\": true, \"column\": 3}]}}",
                        "/outputs/0/facets/dataQualityAssertions/assertions/0/column",
                        "must be a string"),
                output(
                        "\"facets\": {\"dataQualityAssertions\": {" + P
                                + ", \"assertions\": [{\"assertion\": \"x\", \"success\": true, \"expected\": {\"min\": 1}}]}}",
                        "/outputs/0/facets/dataQualityAssertions/assertions/0/expected",
                        "must be a string"),
                output(
                        "\"facets\": {\"dataQualityAssertions\": [1, 2]}",
                        "/outputs/0/facets/dataQualityAssertions",
                        "must be an object"),
                output(
                        "\"outputFacets\": {\"outputStatistics\": {" + P + ", \"rowCount\": 1.5}}",
                        "/outputs/0/outputFacets/outputStatistics/rowCount",
                        NON_NEGATIVE),
                output(
                        "\"outputFacets\": {\"outputStatistics\": {" + P + ", \"size\": 1e30}}",
                        "/outputs/0/outputFacets/outputStatistics/size",
                        NON_NEGATIVE),
                output(
                        "\"facets\": {\"dataQualityMetrics\": {" + P
                                + ", \"columnMetrics\": {\"amount\": {\"sum\": \"many\"}}}}",
                        "/outputs/0/facets/dataQualityMetrics/columnMetrics/amount/sum",
                        "must be a number"),
                output(
                        "\"facets\": {\"dataQualityMetrics\": {" + P
                                + ", \"columnMetrics\": {\"amount\": {\"quantiles\": {\"0.5\": \"median\"}}}}}",
                        "/outputs/0/facets/dataQualityMetrics/columnMetrics/amount/quantiles/0.5",
                        "must be a number"),
                output(
                        "\"facets\": {\"dataQualityMetrics\": {" + P + ", \"columnMetrics\": [\"id\"]}}",
                        "/outputs/0/facets/dataQualityMetrics/columnMetrics",
                        "must be an object"),
                output(
                        "\"facets\": {\"dataQualityMetrics\": {" + P
                                + ", \"columnMetrics\": {\"a/b\": {\"distinctCount\": \"3\"}}}}",
                        "/outputs/0/facets/dataQualityMetrics/columnMetrics/a~1b/distinctCount",
                        NON_NEGATIVE),
                output("\"outputFacets\": [\"outputStatistics\"]", "/outputs/0/outputFacets", "must be an object"),
                run(
                        "\"test\": {" + P + ", \"tests\": [{\"name\": \"t\", \"status\": \"maybe\"}]}",
                        "/run/facets/test/tests/0/status",
                        "must be pass, fail or skip"),
                run("\"test\": {" + P + "}", "/run/facets/test/tests", "tests array"),
                run(
                        "\"test\": {" + P + ", \"tests\": [{\"status\": \"pass\"}]}",
                        "/run/facets/test/tests/0/name",
                        "must be a non-empty string"),
                Arguments.of(
                        "dataset event",
                        "{\"eventTime\": \"2024-05-01T10:15:30Z\", \"producer\": \"https://example.com/test\","
                                + " \"dataset\": {\"namespace\": \"%NS%\", \"name\": \"table\", \"facets\":"
                                + " {\"dataQualityMetrics\": {" + P + ", \"rowCount\": -5}}}}",
                        "/dataset/facets/dataQualityMetrics/rowCount",
                        NON_NEGATIVE));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("malformed")
    void aMalformedQualityFacetIsRefusedNamingTheFieldAndNothingIsStoredOrSent(
            String shape, String template, String pointer, String message) throws SQLException {
        String ns = unique("malformed");
        long storedBefore = count("SELECT count(*) FROM openlineage_event");

        Api.post(template.replace("%NS%", ns))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem(pointer))
                .body("errors.find { it.path == '" + pointer + "' }.message", containsString(message))
                .body("detail", containsString(pointer + ": "));

        assertThat(count("SELECT count(*) FROM openlineage_event")).as(shape).isEqualTo(storedBefore);
        assertThat(count(
                        "SELECT count(*) FROM outbox_event WHERE payload -> 'dataset' ->> 'name' = '" + ns + "/table'"))
                .isZero();
        Api.graph("DATASET:" + ns + "/table", "downstream", 1).then().statusCode(404);
        assertOnlyObservationIsOfTheNextEvent(ns + "/table", ns);
    }

    @Test
    void aBatchWithOneMalformedFacetStoresNothingOfTheBatch() throws SQLException {
        String ns = unique("malformed-batch");
        long storedBefore = count("SELECT count(*) FROM openlineage_event");
        String good = QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[]",
                "["
                        + QualityEvents.dataset(
                                ns, "table", "\"outputFacets\": {\"outputStatistics\": {" + P + ", \"rowCount\": 1}}")
                        + "]",
                null);
        String bad = QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[]",
                "["
                        + QualityEvents.dataset(
                                ns, "other", "\"outputFacets\": {\"outputStatistics\": {" + P + ", \"rowCount\": -1}}")
                        + "]",
                null);

        Api.postBatch("[" + good + "," + bad + "]")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("/1/outputs/0/outputFacets/outputStatistics/rowCount"))
                .body("detail", containsString("nothing in the batch was stored"));

        assertThat(count("SELECT count(*) FROM openlineage_event")).isEqualTo(storedBefore);
        Api.graph("DATASET:" + ns + "/table", "downstream", 1).then().statusCode(404);
        assertOnlyObservationIsOfTheNextEvent(ns + "/table", ns);
    }

    @Test
    void qualityTooLargeForOneObservationIsRefusedNamingTheDatasetThatTippedIt() throws SQLException {
        String ns = unique("oversized");
        String description = "d".repeat(1_000);
        StringBuilder assertions = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            assertions
                    .append(i == 0 ? "" : ",")
                    .append("{\"assertion\": \"check_")
                    .append(i)
                    .append("\", \"success\": true, \"description\": \"")
                    .append(description)
                    .append("\"}");
        }
        String facet = "\"facets\": {\"dataQualityAssertions\": {" + P + ", \"assertions\": [" + assertions + "]}}";
        long storedBefore = count("SELECT count(*) FROM openlineage_event");
        // Each dataset alone would fit; together they would not.
        String event = QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[" + QualityEvents.dataset(ns, "first", facet) + "]",
                "[" + QualityEvents.dataset(ns, "second", facet) + "]",
                null);

        Api.post(event)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.path", hasItem("/outputs/0"))
                .body("detail", containsString("more than 524288 bytes"));
        assertThat(count("SELECT count(*) FROM openlineage_event")).isEqualTo(storedBefore);
    }

    /**
     * Sends a valid event about the same dataset (unmapped, so keyed by its name like anything the
     * refused call could have sent) and checks its observation is the only one about the dataset.
     */
    private static void assertOnlyObservationIsOfTheNextEvent(String dataset, String ns) {
        String valid = QualityEvents.run(
                "COMPLETE",
                UUID.randomUUID().toString(),
                "[]",
                "["
                        + QualityEvents.dataset(
                                ns, "table", "\"outputFacets\": {\"outputStatistics\": {" + P + ", \"rowCount\": 2}}")
                        + "]",
                null);
        String id = Api.post(valid).then().statusCode(201).extract().jsonPath().getString("ids[0]");
        try (TopicReader reader = new TopicReader(SharedInfrastructure.kafka(), Topics.QUALITY_OBSERVATIONS)) {
            await().atMost(WAIT).until(() -> !about(reader, dataset).isEmpty());
            List<CloudEventRecord> seen = about(reader, dataset);
            assertThat(seen).singleElement().satisfies(record -> {
                assertThat(record.data().path("run").path("eventId").asText()).isEqualTo(id);
                assertThat(EventSchemas.validate(EventType.QUALITY_OBSERVED, record.data()))
                        .isEmpty();
            });
        }
    }

    private static List<CloudEventRecord> about(TopicReader reader, String dataset) {
        return reader.matching(
                r -> r.data().path("dataset").path("name").asText().equals(dataset));
    }

    private static Arguments output(String facets, String pointer, String message) {
        return Arguments.of(
                "output",
                QualityEvents.run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        "[]",
                        "[" + QualityEvents.dataset("%NS%", "table", facets) + "]",
                        null),
                pointer,
                message);
    }

    private static Arguments input(String facets, String pointer, String message) {
        return Arguments.of(
                "input",
                QualityEvents.run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        "[" + QualityEvents.dataset("%NS%", "table", facets) + "]",
                        "[]",
                        null),
                pointer,
                message);
    }

    private static Arguments run(String runFacets, String pointer, String message) {
        return Arguments.of(
                "run",
                QualityEvents.run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        "[]",
                        "[" + QualityEvents.dataset("%NS%", "table", null) + "]",
                        runFacets),
                pointer,
                message);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
