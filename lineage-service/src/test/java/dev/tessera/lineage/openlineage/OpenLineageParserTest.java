package dev.tessera.lineage.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which of the spec's shapes an event is read as, decided the way the spec's {@code oneOf} decides it. */
class OpenLineageParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RUN = "\"run\": {\"runId\": \"3f5e83fa-3480-44ff-99c5-ff943904e5e8\"}";
    private static final String JOB = "\"job\": {\"namespace\": \"airflow\", \"name\": \"etl.load\"}";
    private static final String DATASET =
            "\"dataset\": {\"namespace\": \"postgres://db:5432\", \"name\": \"shop.orders\"}";
    private static final String IO = "\"inputs\": [{\"namespace\": \"postgres://db:5432\", \"name\": \"shop.raw\"}],"
            + " \"outputs\": [{\"namespace\": \"postgres://db:5432\", \"name\": \"shop.orders\"}]";

    @Test
    void runAndJobMakeARunEventEvenWithADatasetBesideThem() throws IOException {
        OpenLineageParser.Result result = parse(RUN, JOB, DATASET, IO);

        assertThat(result.errors()).isEmpty();
        assertThat(result.event().kind()).isEqualTo(Kind.RUN);
        assertThat(result.event().job().qualified()).isEqualTo("airflow/etl.load");
        assertThat(result.event().runId()).isEqualTo("3f5e83fa-3480-44ff-99c5-ff943904e5e8");
        assertThat(result.event().inputs()).hasSize(1);
        assertThat(result.event().outputs()).hasSize(1);
        assertThat(result.event().dataset()).isNull();
        assertThat(OpenLineageSchema.validate(result.event().raw(), "")).isEmpty();
    }

    @Test
    void theSpecsFullExampleIsARunEvent() throws Exception {
        JsonNode example = JSON.readTree(Files.readString(Path.of(OpenLineageParserTest.class
                .getResource("/corpus/openlineage/tests/example_full_event.json")
                .toURI())));

        assertThat(OpenLineageParser.parse(example, "").event().kind()).isEqualTo(Kind.RUN);
    }

    @Test
    void aDatasetWithARunButNoJobIsADatasetEvent() throws IOException {
        OpenLineageParser.Result result = parse(RUN, DATASET);

        assertThat(result.errors()).isEmpty();
        assertThat(result.event().kind()).isEqualTo(Kind.DATASET);
        assertThat(result.event().dataset().name().qualified()).isEqualTo("postgres://db:5432/shop.orders");
        assertThat(OpenLineageSchema.validate(result.event().raw(), "")).isEmpty();
    }

    @Test
    void aJobWithoutRunIsAJobEventAndADatasetAloneADatasetEvent() throws IOException {
        assertThat(parse(JOB, IO).event().kind()).isEqualTo(Kind.JOB);
        assertThat(parse(DATASET).event().kind()).isEqualTo(Kind.DATASET);
    }

    @Test
    void jobAndDatasetWithoutRunMatchTwoShapesAndAreRefused() throws IOException {
        OpenLineageParser.Result result = parse(JOB, DATASET);

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEmpty();
            assertThat(error.message()).contains("JobEvent").contains("DatasetEvent");
        });
    }

    @Test
    void aRunWithoutJobIsReadAsARunEventMissingItsJob() throws IOException {
        OpenLineageParser.Result result = parse(RUN);

        assertThat(result.errors()).anySatisfy(error -> assertThat(error.path()).isEqualTo("/job"));
    }

    private static OpenLineageParser.Result parse(String... parts) throws IOException {
        String event = "{\"eventType\": \"COMPLETE\", \"eventTime\": \"2024-05-01T10:15:30Z\","
                + " \"producer\": \"https://example.com/producer\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json\", "
                + String.join(", ", parts) + "}";
        return OpenLineageParser.parse(JSON.readTree(event), "");
    }
}
