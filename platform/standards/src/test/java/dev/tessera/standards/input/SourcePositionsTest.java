package dev.tessera.standards.input;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.standards.input.SourcePositions.Position;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourcePositionsTest {

    private static final String YAML = """
            apiVersion: v1.0.0
            outputPorts:
              - name: orders
                contract:
                  schema:
                    - name: orders
                      properties:
                        - name: id
                          logicalType: integr
            """;

    private static final String JSON = """
            {
              "apiVersion": "v1.0.0",
              "outputPorts": [
                {"name": "orders",
                 "tags": ["a", "b"]}
              ]
            }
            """;

    @Test
    void yamlMembersStandWhereTheirKeysStart() {
        SourcePositions positions = SourcePositions.of(bytes(YAML), true);

        assertThat(positions.locate("/apiVersion")).isEqualTo(new Position(1, 1));
        assertThat(positions.locate("/outputPorts/0")).isEqualTo(new Position(3, 5));
        assertThat(positions.locate("/outputPorts/0/contract/schema/0/properties/0/logicalType"))
                .isEqualTo(new Position(9, 15));
    }

    @Test
    void aMissingMemberStandsAtItsNearestParent() {
        SourcePositions positions = SourcePositions.of(bytes(YAML), true);

        assertThat(positions.locate("/outputPorts/0/contract/status")).isEqualTo(new Position(4, 5));
        assertThat(positions.locate("/nothing/here")).isEqualTo(new Position(1, 1));
    }

    @Test
    void jsonMembersStandWhereTheirKeysStartAndElementsWhereTheyStart() {
        SourcePositions positions = SourcePositions.of(bytes(JSON), false);

        assertThat(positions.locate("")).isEqualTo(new Position(1, 1));
        assertThat(positions.locate("/apiVersion")).isEqualTo(new Position(2, 3));
        assertThat(positions.locate("/outputPorts/0")).isEqualTo(new Position(4, 5));
        assertThat(positions.locate("/outputPorts/0/tags")).isEqualTo(new Position(5, 6));
        assertThat(positions.locate("/outputPorts/0/tags/1")).isEqualTo(new Position(5, 20));
    }

    @Test
    void eachDocumentOfAStreamCountsLinesFromTheStartOfTheStream() {
        List<SourcePositions> documents = SourcePositions.ofYaml(bytes("---\na: 1\n---\nb: 2\n"));

        assertThat(documents).hasSize(2);
        assertThat(documents.get(1).locate("/b")).isEqualTo(new Position(4, 1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
