package dev.tessera.standards.descriptor;

import static dev.tessera.standards.descriptor.Fixtures.SCHEMAS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.standards.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardSchemasTest {

    private static final String MINIMAL_ODPS = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: orders
            status: draft
            """;

    private static final String MINIMAL_ODCS = """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders-contract
            version: 1.0.0
            status: active
            """;

    @Test
    void minimalDocumentsAreValid() {
        assertThat(SCHEMAS.validateOdps(Fixtures.yaml(MINIMAL_ODPS))).isEmpty();
        assertThat(SCHEMAS.validateOdcs(Fixtures.yaml(MINIMAL_ODCS))).isEmpty();
    }

    @Test
    void odpsWithoutIdIsReportedAtId() {
        ObjectNode odps = (ObjectNode) Fixtures.yaml(MINIMAL_ODPS);
        odps.remove("id");

        List<Violation> violations = SCHEMAS.validateOdps(odps);

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.path()).isEqualTo("/id");
            assertThat(violation.message()).contains("id");
        });
    }

    @Test
    void unknownOdpsFieldIsReportedAtThatField() {
        ObjectNode odps = (ObjectNode) Fixtures.yaml(MINIMAL_ODPS);
        odps.put("a/b", 1);

        assertThat(SCHEMAS.validateOdps(odps)).extracting(Violation::path).containsExactly("/a~1b");
    }

    @Test
    void wrongTypeInNestedOdcsFieldIsReportedAtThatField() {
        ObjectNode odcs = (ObjectNode) Fixtures.yaml(MINIMAL_ODCS + """
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: 42
                """);

        assertThat(SCHEMAS.validateOdcs(odcs))
                .extracting(Violation::path)
                .contains("/schema/0/properties/0/logicalType")
                .as("declared siblings are not reported as unevaluated")
                .doesNotContain("/schema/0/properties/0/name");
    }

    @Test
    void unknownOdcsFieldInAnUnevaluatedPropertiesObjectIsReportedAtThatField() {
        ObjectNode odcs = (ObjectNode) Fixtures.yaml(MINIMAL_ODCS + """
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: string
                        piiLevel: 2
                """);

        assertThat(SCHEMAS.validateOdcs(odcs))
                .extracting(Violation::path)
                .containsExactly("/schema/0/properties/0/piiLevel");
    }

    @Test
    void malformedUrlFormatIsReported() {
        ObjectNode odps = (ObjectNode) Fixtures.yaml(MINIMAL_ODPS + """
                support:
                  - channel: help
                    url: "not a url"
                """);

        assertThat(SCHEMAS.validateOdps(odps)).extracting(Violation::path).containsExactly("/support/0/url");
    }
}
