package dev.tessera.lineage.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.quality.QualityObservationV1;
import java.time.Instant;
import java.util.List;

/**
 * What the graph needs from one OpenLineage event, read by {@link OpenLineageParser}. The raw event
 * stays beside it, so facets this service does not interpret are kept as received.
 *
 * @param kind which of the spec's three event shapes it is
 * @param eventType START, RUNNING, COMPLETE, ABORT, FAIL or OTHER; null when absent (allowed for run events)
 * @param eventTime when it happened, normalised to UTC
 * @param runId the run, for run events
 * @param job the job, for run and job events
 * @param dataset the dataset, for dataset events
 * @param inputs datasets read
 * @param outputs datasets written
 * @param runTests the run's {@code test} facet (TestRunFacet) as assertions of level RUN, skipped
 *     tests left out; null when the run reported no such facet
 * @param raw the event as received
 */
public record OpenLineageEvent(
        Kind kind,
        String eventType,
        Instant eventTime,
        String runId,
        Name job,
        Dataset dataset,
        List<Dataset> inputs,
        List<Dataset> outputs,
        List<QualityObservationV1.Assertion> runTests,
        JsonNode raw) {

    /** The three event shapes of the OpenLineage spec. */
    public enum Kind {
        RUN,
        JOB,
        DATASET
    }

    /** A namespace and a name, the spec's identity of jobs and datasets. */
    public record Name(String namespace, String name) {
        /** The node name: {@code namespace/name}. */
        public String qualified() {
            return namespace + "/" + name;
        }
    }

    /**
     * A dataset of the event with the facets that shape the graph and those that report its quality.
     *
     * @param symlinks other names of the same dataset (SymlinksDatasetFacet)
     * @param columns column lineage (ColumnLineageDatasetFacet): each output field and its input fields
     * @param quality its quality facets; null when it carries none
     */
    public record Dataset(Name name, List<Name> symlinks, List<ColumnLineage> columns, Quality quality) {}

    /**
     * The quality facets of one dataset, read from its {@code facets} and from its
     * {@code inputFacets} or {@code outputFacets}, already in the shape the quality contract
     * ({@link QualityObservationV1}) carries them. At least one of the three facets was present.
     *
     * @param assertions the dataQualityAssertions entries (level DATASET); empty when the facet is absent
     * @param metrics the dataQualityMetrics facet; null when absent
     * @param outputStatistics the outputStatistics facet; null when absent
     */
    public record Quality(
            List<QualityObservationV1.Assertion> assertions,
            QualityObservationV1.Metrics metrics,
            QualityObservationV1.OutputStatistics outputStatistics) {}

    /** One output field and the input fields it is derived from. */
    public record ColumnLineage(String field, List<InputField> inputs) {}

    /** An input field; {@code transformation} is DIRECT or INDIRECT. */
    public record InputField(Name dataset, String field, String transformation) {}
}
