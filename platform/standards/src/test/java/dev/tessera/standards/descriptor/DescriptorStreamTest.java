package dev.tessera.standards.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a YAML stream into documents, and writing one back. */
class DescriptorStreamTest {

    private final DescriptorParser parser = new DescriptorParser();

    @Test
    void documentsAreSplitAtDocumentStartLines() {
        List<JsonNode> documents = parse("""
                # a comment before the first document
                ---
                id: product
                --- # the first contract
                id: one
                ---
                id: two
                ...
                """);

        assertThat(documents).extracting(d -> d.get("id").asText()).containsExactly("product", "one", "two");
    }

    @Test
    void dashesInsideABlockScalarOrAfterIndentationDoNotSplit() {
        List<JsonNode> documents = parse("""
                id: product
                notes: |
                  ---- four dashes are text
                   --- indented dashes are text
                ---
                id: contract
                """);

        assertThat(documents).hasSize(2);
        assertThat(documents.getFirst().get("notes").asText()).contains("---- four dashes", " --- indented");
    }

    @Test
    void oneDocumentReadsAsASingleDescriptorDoes() {
        String single = "---\nid: product\nname: Orders\n";

        assertThat(parse(single)).containsExactly(parser.parse(bytes(single), true));
    }

    @Test
    void anErrorNamesTheDocumentAndTheLineOfTheWholeStream() {
        assertThatThrownBy(() -> parse("id: product\n---\nid: one\n---\nid: two\nid: again\n"))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageStartingWith("Document 2 of the stream")
                .satisfies(
                        e -> assertThat(((DescriptorParseException) e).line()).isEqualTo(6));
    }

    @Test
    void aStreamOfOnlyCommentsHasNoDocument() {
        assertThatThrownBy(() -> parse("# nothing\n---\n# here\n"))
                .isInstanceOf(DescriptorParseException.class)
                .hasMessageContaining("no document");
    }

    @Test
    void writtenStreamsReadBackToEqualDocuments() {
        List<JsonNode> documents = parse("id: product\nversion: 1.0.0\n---\nid: one\nwhen: 2024-01-01\n");

        assertThat(parser.parseStream(parser.writeStream(documents))).isEqualTo(documents);
    }

    private List<JsonNode> parse(String yaml) {
        return parser.parseStream(bytes(yaml));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
