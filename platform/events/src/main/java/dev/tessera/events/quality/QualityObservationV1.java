package dev.tessera.events.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Payload of {@code dev.tessera.quality.observed.v1}: what one OpenLineage event reported about one
 * dataset, as lineage ingested it. Lineage sends one for every dataset of an event that carries
 * quality facets (mapped to a product's port or not), and one for every dataset a COMPLETE run
 * wrote that serves a port (the write is what freshness is measured from). When the dataset serves
 * ports of several products, each product gets its own observation.
 *
 * @param observationId stable id of this observation: the same OpenLineage event, dataset and
 *     product always give the same id, so a redelivery is recognised
 * @param productId the product whose ports the dataset serves; absent when no port maps to it
 * @param domainId that product's domain, when known
 * @param ports names of the product's output ports the dataset serves; empty when unmapped
 * @param dataset the dataset as lineage knows it: its node name and every name it was reported by
 * @param role how the event named the dataset: INPUT, OUTPUT, or DATASET (a dataset event)
 * @param run the run that reported it; absent for dataset events
 * @param observedAt the OpenLineage event's {@code eventTime}
 * @param write true when a COMPLETE run event names the dataset as an output
 * @param assertions the {@code dataQualityAssertions} reported for the dataset, and those reported
 *     for the run as a whole (level RUN)
 * @param metrics the {@code dataQualityMetrics} facet, when reported
 * @param outputStatistics the {@code outputStatistics} facet, when reported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QualityObservationV1(
        String observationId,
        String productId,
        String domainId,
        List<String> ports,
        Dataset dataset,
        String role,
        Run run,
        Instant observedAt,
        boolean write,
        List<Assertion> assertions,
        Metrics metrics,
        OutputStatistics outputStatistics) {

    /**
     * @param name the dataset's node name in lineage ({@code namespace/name})
     * @param names every name the dataset is known by (its own and its symlinks)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dataset(String name, List<String> names) {}

    /**
     * @param runId the OpenLineage run id
     * @param eventId lineage's id of the stored OpenLineage event (its audit and replay handle)
     * @param eventType START, RUNNING, COMPLETE, ABORT, FAIL or OTHER
     * @param job the job, {@code namespace/name}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(String runId, String eventId, String eventType, String job) {}

    /**
     * One check a producer ran: an entry of a dataset's {@code dataQualityAssertions} facet (level
     * DATASET), or a test of the run's {@code test} facet (level RUN, applied to the datasets the
     * run wrote, or read when it wrote none). A skipped run test is not an assertion.
     *
     * @param assertion what kind of check it is, as the producer named it ({@code not_null}, ...)
     * @param success whether it held
     * @param column the column it is about, when it is about one
     * @param severity the producer's severity ({@code error}, {@code warn}, ...), when given
     * @param level DATASET when reported on the dataset, RUN when reported for the run as a whole
     * @param name the producer's name of the check, when given
     * @param description what it checks, when given
     * @param expected the expected value or threshold, as the producer wrote it
     * @param actual the observed value, as the producer wrote it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assertion(
            String assertion,
            boolean success,
            String column,
            String severity,
            String level,
            String name,
            String description,
            String expected,
            String actual) {}

    /** The {@code dataQualityMetrics} facet: dataset totals and per-column figures. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metrics(Long rowCount, Long bytes, Long fileCount, Map<String, ColumnMetrics> columns) {}

    /**
     * Figures for one column; {@code min}, {@code max} and {@code sum} are numbers as reported.
     *
     * @param quantiles quantile (as a string such as {@code "0.5"}) to value
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ColumnMetrics(
            Long nullCount,
            Long distinctCount,
            BigDecimal sum,
            Long count,
            BigDecimal min,
            BigDecimal max,
            Map<String, BigDecimal> quantiles) {}

    /** The {@code outputStatistics} facet of an output dataset. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputStatistics(Long rowCount, Long size, Long fileCount) {}
}
