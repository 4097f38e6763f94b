package dev.tessera.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.quality.QualityObservationV1.Assertion;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Quality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How the parser reads quality facets: where it looks, which one wins, what it keeps. */
class QualityFacetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P =
            "\"_producer\": \"https://example.com\", \"_schemaURL\": \"https://example.com/f.json\"";

    @Test
    void theRolesFacetWinsOverTheSameFacetAmongThePlainFacets() throws IOException {
        OpenLineageEvent event = parse(
                "[]",
                "[{\"namespace\": \"ns\", \"name\": \"out\","
                        + " \"facets\": {\"dataQualityMetrics\": {" + P + ", \"rowCount\": 1},"
                        + "   \"dataQualityAssertions\": {" + P
                        + ", \"assertions\": [{\"assertion\": \"plain\", \"success\": true}]}},"
                        + " \"outputFacets\": {\"dataQualityMetrics\": {" + P + ", \"rowCount\": 2}}}]",
                null);

        Quality quality = event.outputs().getFirst().quality();
        assertThat(quality.metrics().rowCount()).isEqualTo(2);
        assertThat(quality.assertions()).extracting(Assertion::assertion).containsExactly("plain");
        assertThat(quality.outputStatistics()).isNull();
    }

    @Test
    void aDatasetWithoutQualityFacetsHasNoQualityAndAnEmptyAssertionsFacetIsStillReported() throws IOException {
        OpenLineageEvent event = parse(
                "[{\"namespace\": \"ns\", \"name\": \"in\", \"facets\": {\"documentation\": {" + P
                        + ", \"description\": \"d\"}}}]",
                "[{\"namespace\": \"ns\", \"name\": \"out\", \"outputFacets\": {\"dataQualityAssertions\": {" + P
                        + ", \"assertions\": []}}}]",
                null);

        assertThat(event.inputs().getFirst().quality()).isNull();
        assertThat(event.outputs().getFirst().quality().assertions()).isEmpty();
        assertThat(event.runTests()).isNull();
    }

    @Test
    void runTestsBecomeRunLevelAssertionsWithoutTheSkippedOnes() throws IOException {
        OpenLineageEvent event = parse(
                "[]",
                "[]",
                "\"test\": {" + P + ", \"tests\": ["
                        + "{\"name\": \"a\", \"status\": \"PASS\", \"type\": \"unique\", \"expected\": 0, \"actual\": true},"
                        + "{\"name\": \"b\", \"status\": \"skip\"}, {\"name\": \"c\", \"status\": \"fail\"}]}");

        assertThat(event.runTests())
                .containsExactly(
                        new Assertion("unique", true, null, null, "RUN", "a", null, "0", "true"),
                        new Assertion("c", false, null, null, "RUN", "c", null, null, null));
    }

    @Test
    void theSpecsQualityFacetExamplesAreReadInFull() throws Exception {
        JsonNode assertions = corpus("DataQualityAssertionsDatasetFacet");
        JsonNode metrics = corpus("DataQualityMetricsInputDatasetFacet");
        JsonNode statistics = corpus("OutputStatisticsOutputDatasetFacet");
        OpenLineageEvent event = parse(
                "[{\"namespace\": \"ns\", \"name\": \"in\", \"inputFacets\": " + merge(assertions, metrics) + "}]",
                "[{\"namespace\": \"ns\", \"name\": \"out\", \"outputFacets\": " + statistics + "}]",
                null);

        Quality read = event.inputs().getFirst().quality();
        assertThat(read.assertions()).hasSize(10).allSatisfy(a -> assertThat(a.level())
                .isEqualTo("DATASET"));
        assertThat(read.metrics().rowCount()).isEqualTo(10);
        assertThat(read.metrics().columns().get("amount").count()).isEqualTo(10);
        assertThat(read.metrics().columns().get("amount").max()).isEqualByComparingTo("1500");
        assertThat(read.metrics().columns().get("user_id").distinctCount()).isEqualTo(3);
        assertThat(event.outputs().getFirst().quality().outputStatistics().size())
                .isEqualTo(2097152);
    }

    private static String merge(JsonNode a, JsonNode b) {
        var merged = a.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) merged)
                .setAll((com.fasterxml.jackson.databind.node.ObjectNode) b);
        return merged.toString();
    }

    private static JsonNode corpus(String facet) throws Exception {
        return JSON.readTree(Files.readString(Path.of(QualityFacetsTest.class
                .getResource("/corpus/openlineage/tests/" + facet + "/1.json")
                .toURI())));
    }

    private static OpenLineageEvent parse(String inputs, String outputs, String runFacets) throws IOException {
        String event = "{\"eventType\": \"COMPLETE\", \"eventTime\": \"2024-05-01T10:15:30Z\","
                + " \"producer\": \"https://example.com/producer\","
                + " \"run\": {\"runId\": \"3f5e83fa-3480-44ff-99c5-ff943904e5e8\""
                + (runFacets == null ? "" : ", \"facets\": {" + runFacets + "}") + "},"
                + " \"job\": {\"namespace\": \"ns\", \"name\": \"job\"},"
                + " \"inputs\": " + inputs + ", \"outputs\": " + outputs + "}";
        OpenLineageParser.Result result = OpenLineageParser.parse(JSON.readTree(event), "");
        assertThat(result.errors()).isEmpty();
        return result.event();
    }
}
