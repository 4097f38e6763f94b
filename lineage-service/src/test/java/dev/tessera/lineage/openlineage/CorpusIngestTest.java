package dev.tessera.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@LineageTestResources
class CorpusIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> marquezEvents() {
        return files("corpus/marquez-events").stream().filter(f -> f.endsWith(".json"));
    }

    /** The spec's facet examples, each under tests/<FacetName>/<n>.json. */
    static Stream<String> facetExamples() {
        return files("corpus/openlineage/tests").stream()
                .filter(f -> f.contains("/") && f.endsWith(".json"))
                .filter(f -> !f.startsWith("example_full_event"));
    }

    @ParameterizedTest
    @MethodSource("marquezEvents")
    void everyEventTheReferenceServerAcceptsIsAccepted(String file) {
        Api.post(read("corpus/marquez-events/" + file)).then().statusCode(anyOf(is(200), is(201)));
    }

    @ParameterizedTest
    @MethodSource("facetExamples")
    void everyFacetOfTheSpecIsAcceptedAndKeptAsReceived(String file) throws IOException {
        JsonNode facets = JSON.readTree(read("corpus/openlineage/tests/" + file));
        String facetType = file.substring(0, file.indexOf('/'));
        ObjectNode event = eventCarrying(facetType, facets);

        String id = Api.post(event.toString())
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("ids[0]");

        JsonNode stored = JSON.readTree(Api.as(Api.producerToken())
                .get(Api.BASE + "/events/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(stored).isEqualTo(event);
    }

    @Test
    void theFullSpecExampleIsAccepted() {
        Api.post(read("corpus/openlineage/tests/example_full_event.json"))
                .then()
                .statusCode(anyOf(is(200), is(201)));
    }

    /** A fresh run, job or dataset event whose matching facets object holds the example. */
    private static ObjectNode eventCarrying(String facetType, JsonNode facets) throws IOException {
        String unique = java.util.UUID.randomUUID().toString();
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"eventType": "COMPLETE", "eventTime": "2024-05-01T10:15:30Z",
                 "run": {"runId": "%s"}, "job": {"namespace": "facets", "name": "job-%s"},
                 "inputs": [], "outputs": [{"namespace": "facets", "name": "out-%s"}],
                 "producer": "https://example.com/test"}
                """.formatted(unique, unique, unique));
        if (facetType.endsWith("RunFacet")) {
            ((ObjectNode) event.get("run")).set("facets", facets);
        } else if (facetType.endsWith("JobFacet")) {
            ((ObjectNode) event.get("job")).set("facets", facets);
        } else if (facetType.startsWith("ColumnLineage")) {
            // Column lineage names its input datasets; the event reads them so they resolve.
            var inputs = event.withArray("inputs");
            facets.findValues("inputFields")
                    .forEach(fields -> fields.forEach(f -> inputs.add(JSON.createObjectNode()
                            .put("namespace", f.get("namespace").asText())
                            .put("name", f.get("name").asText()))));
            ((ObjectNode) event.get("outputs").get(0)).set("facets", facets);
        } else {
            ((ObjectNode) event.get("outputs").get(0)).set("facets", facets);
        }
        return event;
    }

    private static String read(String resource) {
        try {
            return Files.readString(root().resolve(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> files(String folder) {
        Path base = root().resolve(folder);
        try (Stream<Path> paths = Files.walk(base)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> base.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        try {
            return Path.of(CorpusIngestTest.class.getResource("/corpus").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
