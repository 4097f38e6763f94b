package dev.tessera.lineage.quality.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.quality.QualityObservationV1;
import dev.tessera.lineage.graph.repository.EdgeRepository;
import dev.tessera.lineage.graph.repository.EdgeRepository.ServedPort;
import dev.tessera.lineage.graph.repository.SqlPipeline;
import dev.tessera.lineage.openlineage.OpenLineageEvent;
import dev.tessera.lineage.openlineage.OpenLineageParser;
import dev.tessera.lineage.quality.service.QualityObservations.Placement;
import dev.tessera.lineage.quality.service.QualityObservations.Ports;
import dev.tessera.lineage.quality.service.QualityObservations.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which observations one stored event gives, worked out from the event and the ports its datasets serve. */
class QualityObservationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID EVENT = UUID.fromString("7d3c3f51-5a3b-4a40-9d8f-0b0f0b7e2b11");
    private static final String P =
            "\"_producer\": \"https://example.com\", \"_schemaURL\": \"https://example.com/f.json\"";
    private static final String CHECKED =
            "{\"namespace\": \"ns\", \"name\": \"%s\", \"facets\": {\"dataQualityAssertions\": {" + P
                    + ", \"assertions\": [{\"assertion\": \"%s\", \"success\": true}]}}}";

    @Test
    void aDatasetReadAndWrittenByOneRunIsOneWrittenDatasetWithTheAssertionsOfBoth() throws Exception {
        OpenLineageEvent event = parse(
                "COMPLETE",
                "[" + CHECKED.formatted("t", "read_check") + "]",
                "[" + CHECKED.formatted("t", "write_check") + "]");

        List<QualityObservationV1> observed = QualityObservations.observe(stored(event), Ports.NONE);

        assertThat(observed).singleElement().satisfies(o -> {
            assertThat(o.role()).isEqualTo("OUTPUT");
            assertThat(o.write()).isTrue();
            assertThat(o.assertions())
                    .extracting(QualityObservationV1.Assertion::assertion)
                    .containsExactly("write_check", "read_check");
        });
    }

    @Test
    void aWriteOfADatasetNoPortServesTellsNothingButAPortsDatasetIsObservedOncePerProduct() throws Exception {
        OpenLineageEvent event = parse(
                "COMPLETE",
                "[]",
                "[{\"namespace\": \"ns\", \"name\": \"a\"}, {\"namespace\": \"ns\", \"name\": \"b\"}]");
        Ports ports = new Ports(Map.of(
                "ns/b",
                List.of(
                        new ServedPort("ns/b", "p1/orders", "p1", "sales"),
                        new ServedPort("ns/b", "p1/orders-v2", "p1", "sales"),
                        new ServedPort("ns/b", "p2/copy", "p2", "finance"))));

        List<QualityObservationV1> observed = QualityObservations.observe(stored(event), ports);

        assertThat(observed).extracting(QualityObservationV1::productId).containsExactly("p1", "p2");
        assertThat(observed.getFirst().ports()).containsExactly("orders", "orders-v2");
        assertThat(observed.get(1).ports()).containsExactly("copy");
        assertThat(observed).allSatisfy(o -> assertThat(o.dataset().name()).isEqualTo("ns/b"));
        assertThat(observed.getFirst().observationId())
                .isEqualTo(QualityObservations.observationId(EVENT, "ns/b", "p1"))
                .isNotEqualTo(observed.get(1).observationId());
    }

    @Test
    void aRunningRunWritingAPortsDatasetWithoutFacetsTellsNothing() throws Exception {
        OpenLineageEvent event = parse("RUNNING", "[]", "[{\"namespace\": \"ns\", \"name\": \"b\"}]");
        Ports ports = new Ports(Map.of("ns/b", List.of(new ServedPort("ns/b", "p1/orders", "p1", "sales"))));

        assertThat(QualityObservations.observe(stored(event), ports)).isEmpty();
    }

    @Test
    void eventsThatCannotGiveAnObservationAddNoStepToTheIngestsRoundTrip() throws Exception {
        QualityObservations observations = new QualityObservations();
        observations.edges = new EdgeRepository();
        SqlPipeline plain = new SqlPipeline();
        observations.lookUp(
                plain,
                List.of(
                        parse(
                                "START",
                                "[{\"namespace\": \"ns\", \"name\": \"a\"}]",
                                "[{\"namespace\": \"ns\", \"name\": \"b\"}]"),
                        parse("COMPLETE", "[{\"namespace\": \"ns\", \"name\": \"a\"}]", "[]")),
                Set.of("ns/a", "ns/b"));
        SqlPipeline complete = new SqlPipeline();
        Ports none = observations
                .lookUp(
                        complete,
                        List.of(parse("COMPLETE", "[]", "[{\"namespace\": \"ns\", \"name\": \"b\"}]")),
                        Set.of("ns/b"))
                .get();

        assertThat(plain.isEmpty()).isTrue();
        assertThat(complete.isEmpty()).isFalse();
        assertThat(none.byDataset()).isEmpty();
    }

    @Test
    void theObservationIdDependsOnEventDatasetAndProductOnly() {
        String id = QualityObservations.observationId(EVENT, "ns/b", null);

        assertThat(QualityObservations.observationId(EVENT, "ns/b", null)).isEqualTo(id);
        assertThat(QualityObservations.observationId(EVENT, "ns/c", null)).isNotEqualTo(id);
        assertThat(QualityObservations.observationId(UUID.randomUUID(), "ns/b", null))
                .isNotEqualTo(id);
    }

    /** The event stored under {@link #EVENT}, each dataset placed under its own name. */
    private static StoredEvent stored(OpenLineageEvent event) {
        List<Placement> placements = new ArrayList<>();
        event.inputs().forEach(d -> placements.add(new Placement(d.name().qualified(), Set.of())));
        event.outputs().forEach(d -> placements.add(new Placement(d.name().qualified(), Set.of())));
        return new StoredEvent(42, EVENT, event, placements);
    }

    private static OpenLineageEvent parse(String eventType, String inputs, String outputs) throws Exception {
        String event = "{\"eventType\": \"" + eventType + "\", \"eventTime\": \"2024-05-01T10:15:30Z\","
                + " \"producer\": \"https://example.com/producer\","
                + " \"run\": {\"runId\": \"3f5e83fa-3480-44ff-99c5-ff943904e5e8\"},"
                + " \"job\": {\"namespace\": \"ns\", \"name\": \"job\"},"
                + " \"inputs\": " + inputs + ", \"outputs\": " + outputs + "}";
        OpenLineageParser.Result result = OpenLineageParser.parse(JSON.readTree(event), "");
        assertThat(result.errors()).isEmpty();
        return result.event();
    }
}
