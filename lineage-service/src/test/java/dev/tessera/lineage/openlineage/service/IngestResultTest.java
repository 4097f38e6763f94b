package dev.tessera.lineage.openlineage.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The answer of an ingest call, written without the object mapper, reads back as the same result. */
class IngestResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAnswerIsTheJsonOfTheRecord() throws Exception {
        UUID second = UUID.randomUUID();
        IngestResult result =
                new IngestResult(3, 1, List.of(UUID.randomUUID(), second, UUID.randomUUID()), List.of(second));

        JsonNode written = JSON.readTree(result.toJson());

        assertThat(JSON.treeToValue(written, IngestResult.class)).isEqualTo(result);
        assertThat(written.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("accepted", "duplicates", "ids", "unresolved");
    }

    @Test
    void anAllDuplicateCallAnswersWithEmptyLists() throws Exception {
        IngestResult result = new IngestResult(0, 2, List.of(), List.of());

        assertThat(JSON.readValue(result.toJson(), IngestResult.class)).isEqualTo(result);
        assertThat(result.toJson()).isEqualTo("{\"accepted\":0,\"duplicates\":2,\"ids\":[],\"unresolved\":[]}");
    }
}
