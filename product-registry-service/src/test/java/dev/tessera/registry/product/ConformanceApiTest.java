package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.BASE;
import static dev.tessera.registry.support.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.standards.descriptor.StandardSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every official ODPS and ODCS example goes in through the API and comes out again: it must validate
 * against its standard's JSON Schema and keep every field it came with.
 */
@QuarkusTest
@RegistryTestResources
class ConformanceApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final StandardSchemas SCHEMAS = new StandardSchemas();

    @Test
    void everyOdpsExampleImportsAndExportsWithoutLosingAField() throws Exception {
        List<Path> examples = corpus("corpus/odps/examples");
        assertThat(examples).hasSize(2);
        for (Path file : examples) {
            JsonNode original = YAML.readTree(file.toFile());
            String domain =
                    original.hasNonNull("domain") ? original.get("domain").asText() : Api.newDomain("odps");
            admin().contentType(ContentType.JSON)
                    .body(Map.of("name", domain))
                    .put(BASE + "/domains/" + domain)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));

            admin().contentType("application/yaml")
                    .queryParam("domain", domain)
                    .body(Files.readAllBytes(file))
                    .post(BASE + "/import/odps")
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));

            String id = original.get("id").asText();
            String version =
                    admin().get(BASE + "/products/" + id).then().extract().path("headVersion");
            JsonNode exported = JSON.readTree(admin().accept(ContentType.JSON)
                    .get(BASE + "/products/" + id + "/versions/" + version + "/odps")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());

            assertThat(SCHEMAS.validateOdps(exported)).as(file + " validates").isEmpty();
            List<String> lost = new ArrayList<>();
            missing("", original, exported, lost);
            assertThat(lost).as(file + " keeps every field").isEmpty();
        }
    }

    @Test
    void everyOdcsExampleAttachedToAPortExportsUnchanged() throws Exception {
        List<Path> examples = corpus("corpus/odcs/examples");
        assertThat(examples).hasSize(18);
        String domain = Api.newDomain("odcs");
        String id = Api.newProductId("contracts");
        admin().contentType("application/yaml")
                .body("""
                        apiVersion: v1.0.0
                        kind: DataProduct
                        id: %s
                        name: Contract carrier
                        version: 1.0.0
                        status: draft
                        domain: %s
                        outputPorts:
                          - name: data
                            version: 1.0.0
                            type: tables
                        """.formatted(id, domain))
                .put(BASE + "/products/" + id)
                .then()
                .statusCode(201);

        for (Path file : examples) {
            JsonNode original = YAML.readTree(file.toFile());
            admin().contentType("application/yaml")
                    .body(Files.readAllBytes(file))
                    .put(BASE + "/products/" + id + "/versions/1.0.0/ports/data/contract")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200);

            String yaml = admin().accept("application/yaml")
                    .get(BASE + "/products/" + id + "/versions/1.0.0/ports/data/odcs")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            JsonNode exported = YAML.readTree(yaml);

            assertThat(SCHEMAS.validateOdcs(exported)).as(file + " validates").isEmpty();
            assertThat(exported).as(file + " round-trips").isEqualTo(original);
        }
    }

    /** Adds to {@code lost} every path of {@code original} that {@code exported} lacks or changed (status aside). */
    private static void missing(String path, JsonNode original, JsonNode exported, List<String> lost) {
        if (original.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                var field = it.next();
                if (path.isEmpty() && field.getKey().equals("status")) {
                    continue; // export reflects the registry's lifecycle
                }
                JsonNode other = exported == null ? null : exported.get(field.getKey());
                if (other == null) {
                    lost.add(path + "/" + field.getKey());
                } else {
                    missing(path + "/" + field.getKey(), field.getValue(), other, lost);
                }
            }
        } else if (original.isArray()) {
            if (exported == null || !exported.isArray() || exported.size() != original.size()) {
                lost.add(path);
                return;
            }
            for (int i = 0; i < original.size(); i++) {
                missing(path + "/" + i, original.get(i), exported.get(i), lost);
            }
        } else if (!original.equals(exported)) {
            lost.add(path + " (" + original + " became " + exported + ")");
        }
    }

    private static List<Path> corpus(String folder) throws IOException, URISyntaxException {
        Path root = Path.of(
                ConformanceApiTest.class.getClassLoader().getResource(folder).toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
