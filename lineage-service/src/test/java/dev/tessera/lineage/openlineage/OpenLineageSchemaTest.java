package dev.tessera.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.http.problem.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The spec's schema as ingest applies it: every corpus event passes, breaking events are named by path. */
class OpenLineageSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RUN_EVENT = """
            {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
             "run": {"runId": "3f5e83fa-3480-44ff-99c5-ff943904e5e8"},
             "job": {"namespace": "airflow", "name": "etl.load"},
             "inputs": [{"namespace": "postgres://db:5432", "name": "shop.public.orders"}],
             "outputs": [],
             "producer": "https://example.com/producer",
             "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
            """;

    @Test
    void everyEventOfTheCorpusPassesTheSchema() throws IOException {
        List<Path> events;
        try (Stream<Path> files = Files.walk(corpus())) {
            events = files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> f.toString().contains("marquez-events") || f.endsWith("example_full_event.json"))
                    .toList();
        }
        assertThat(events).hasSizeGreaterThan(10);
        for (Path file : events) {
            assertThat(OpenLineageSchema.validate(JSON.readTree(file.toFile()), ""))
                    .as(file.getFileName().toString())
                    .isEmpty();
        }
    }

    @Test
    void everyFacetExampleOfTheSpecPassesTheSchemaOnAnEvent() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.walk(corpus().resolve("openlineage/tests"))) {
            examples = files.filter(f -> f.getParent().getFileName().toString().endsWith("Facet"))
                    .toList();
        }
        assertThat(examples).hasSizeGreaterThan(30);
        for (Path file : examples) {
            String facetType = file.getParent().getFileName().toString();
            ObjectNode event = (ObjectNode) JSON.readTree(RUN_EVENT);
            JsonNode facets = JSON.readTree(file.toFile());
            ObjectNode holder = facetType.endsWith("RunFacet")
                    ? (ObjectNode) event.get("run")
                    : facetType.endsWith("JobFacet")
                            ? (ObjectNode) event.get("job")
                            : (ObjectNode) event.get("inputs").get(0);
            holder.set("facets", facets);
            assertThat(OpenLineageSchema.validate(event, "")).as(facetType).isEmpty();
        }
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedByItsPointer() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(RUN_EVENT);
        ((ObjectNode) event.get("inputs").get(0)).put("facets", "not an object");

        List<Problem.FieldError> errors = OpenLineageSchema.validate(event, "/3");

        assertThat(errors).extracting(Problem.FieldError::path).contains("/3/inputs/0/facets");
    }

    @Test
    void aFacetWithoutItsProducerIsNamed() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(RUN_EVENT);
        ((ObjectNode) event.get("job")).set("facets", JSON.readTree("""
                        {"sql": {"_schemaURL": "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json",
                                 "query": "select 1"}}"""));

        List<Problem.FieldError> errors = OpenLineageSchema.validate(event, "");

        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/job/facets/sql");
            assertThat(e.message()).contains("_producer");
        });
    }

    @Test
    void theDeviationsTheReferenceServerAcceptsAreAccepted() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(RUN_EVENT);
        event.remove("schemaURL");
        event.put("eventTime", "2024-05-01T10:15:30.123456789");

        assertThat(OpenLineageSchema.validate(event, "")).isEmpty();
    }

    private static Path corpus() {
        try {
            return Path.of(OpenLineageSchemaTest.class.getResource("/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
