package dev.tessera.standards.contract;

import static dev.tessera.standards.contract.Descriptors.ORDERS;
import static dev.tessera.standards.contract.Descriptors.contract;
import static dev.tessera.standards.contract.Descriptors.port;
import static dev.tessera.standards.contract.Descriptors.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Runs the detector over the official ODCS examples, which exercise shapes hand-written fixtures may miss. */
class OdcsExamplesTest {

    private static final String EXAMPLES = "corpus/odcs/examples";

    private final BreakingChangeDetector detector = new BreakingChangeDetector();

    static Stream<Path> examples() throws IOException, URISyntaxException {
        Path root = Path.of(
                OdcsExamplesTest.class.getClassLoader().getResource(EXAMPLES).toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> yaml = files.filter(path -> path.toString().endsWith(".odcs.yaml"))
                    .sorted()
                    .toList();
            return yaml.stream();
        }
    }

    /** The examples whose first schema object has properties, so that one can be removed. */
    static Stream<Path> examplesWithProperties() throws IOException, URISyntaxException {
        return examples().filter(example -> {
            try {
                return Descriptors.YAML
                        .readTree(example.toFile())
                        .at("/schema/0/properties/0/name")
                        .isTextual();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ObjectNode productCarrying(Path example) throws IOException {
        ObjectNode product = product();
        port(product).set("contract", Descriptors.YAML.readTree(example.toFile()));
        return product;
    }

    @Test
    void corpusIsPresent() throws Exception {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(examplesWithProperties()).hasSizeGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleComparedWithItselfHasNoFindings(Path example) throws IOException {
        assertThat(detector.compare(productCarrying(example), productCarrying(example)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examplesWithProperties")
    void exampleWithoutItsFirstPropertyReportsItRemoved(Path example) throws IOException {
        ObjectNode draft = productCarrying(example);
        JsonNode properties = contract(draft).at("/schema/0/properties");
        String objectName = contract(draft).at("/schema/0/name").asText();
        String propertyName = properties.get(0).get("name").asText();
        ((ArrayNode) properties).remove(0);

        assertThat(detector.compare(productCarrying(example), draft))
                .extracting(Finding::rule, Finding::path)
                .contains(tuple(
                        "property-removed",
                        ORDERS.replace("[orders]", "[" + objectName + "]") + ".properties[" + propertyName + "]"));
    }
}
