package dev.tessera.lineage.openlineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.events.quality.QualityObservationV1.Assertion;
import dev.tessera.events.quality.QualityObservationV1.ColumnMetrics;
import dev.tessera.events.quality.QualityObservationV1.Metrics;
import dev.tessera.events.quality.QualityObservationV1.OutputStatistics;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Dataset;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Kind;
import dev.tessera.lineage.openlineage.OpenLineageEvent.Quality;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads the quality facets {@link OpenLineageParser} hands over: a dataset's
 * {@code dataQualityAssertions}, {@code dataQualityMetrics} and {@code outputStatistics}, and a
 * run's {@code test} facet. Every field passed on to governance is checked, and each problem is
 * reported with its JSON pointer, so a malformed facet refuses the event instead of reaching
 * governance as a wrong number; fields not passed on (and unknown ones) are not looked at.
 *
 * <p>Where a facet sits is read as producers send it: the spec puts assertions and metrics among
 * a dataset's {@code inputFacets} and statistics among its {@code outputFacets}, and newer versions
 * of the metrics facet among its plain {@code facets}, so each of the three is looked for in both;
 * when both hold it, the one among the role's facets ({@code inputFacets}/{@code outputFacets}) is
 * used, and both must be well formed. Counts and sizes accept integral numbers written with a
 * fraction ({@code 10.0}), as JSON Schema's {@code integer} does; {@code expected} and
 * {@code actual} accept numbers and booleans as well as strings, kept as text.
 */
final class QualityFacets {

    private static final String ASSERTIONS = "dataQualityAssertions";
    private static final String METRICS = "dataQualityMetrics";
    private static final String STATISTICS = "outputStatistics";
    private static final String NON_NEGATIVE = "must be a non-negative integer";
    private static final String NUMBER = "must be a number";
    private static final String TEXT = "must be a string";

    /**
     * Most bytes of quality an event may pass on: half of Kafka's default largest record (1 MiB),
     * leaving room for the rest of an observation and its headers.
     */
    static final int MAX_REPORTED_BYTES = 512 * 1024;

    private static final ObjectMapper SIZER = new ObjectMapper();

    private final BiConsumer<String, String> errors;

    /** @param errors where problems go: JSON pointer (without the event's prefix), message */
    QualityFacets(BiConsumer<String, String> errors) {
        this.errors = errors;
    }

    /**
     * The quality a dataset reports, null when it carries none of the facets.
     *
     * @param roleFacets {@code inputFacets}, {@code outputFacets}, or null for a dataset event's dataset
     */
    Quality dataset(JsonNode dataset, String path, String roleFacets) {
        JsonNode shared = facets(dataset.get("facets"));
        JsonNode role = null;
        if (roleFacets != null) {
            JsonNode node = dataset.get(roleFacets);
            if (node != null && !node.isNull() && !node.isObject()) {
                error(path + "/" + roleFacets, "must be an object keyed by facet name");
            } else {
                role = facets(node);
            }
        }
        // The role's facets first: the first reading of a facet is the one kept.
        JsonNode[] containers = {role, shared};
        String[] paths = {roleFacets == null ? null : path + "/" + roleFacets, path + "/facets"};
        boolean present = false;
        List<Assertion> assertions = null;
        Metrics metrics = null;
        OutputStatistics statistics = null;
        for (int i = 0; i < containers.length; i++) {
            JsonNode container = containers[i];
            if (container == null) {
                continue;
            }
            String at = paths[i];
            JsonNode facet = container.get(ASSERTIONS);
            if (facet != null && !facet.isNull()) {
                present = true;
                List<Assertion> read = assertions(facet, at + "/" + ASSERTIONS);
                assertions = assertions == null ? read : assertions;
            }
            facet = container.get(METRICS);
            if (facet != null && !facet.isNull()) {
                present = true;
                Metrics read = metrics(facet, at + "/" + METRICS);
                metrics = metrics == null ? read : metrics;
            }
            facet = container.get(STATISTICS);
            if (facet != null && !facet.isNull()) {
                present = true;
                OutputStatistics read = statistics(facet, at + "/" + STATISTICS);
                statistics = statistics == null ? read : statistics;
            }
        }
        return present ? new Quality(assertions == null ? List.of() : assertions, metrics, statistics) : null;
    }

    /** The run's {@code test} facet as assertions of level RUN (skipped tests left out); null when absent. */
    List<Assertion> runTests(JsonNode run) {
        JsonNode facets = run == null ? null : facets(run.get("facets"));
        JsonNode facet = facets == null ? null : facets.get("test");
        if (facet == null || facet.isNull()) {
            return null;
        }
        String path = "/run/facets/test";
        if (!facet.isObject()) {
            error(path, "the test facet must be an object with a tests array");
            return List.of();
        }
        JsonNode tests = facet.get("tests");
        if (tests == null || !tests.isArray()) {
            error(path + "/tests", "the test facet needs a tests array");
            return List.of();
        }
        List<Assertion> result = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            JsonNode test = tests.get(i);
            String at = path + "/tests/" + i;
            if (!test.isObject()) {
                error(at, "each test must be an object with name and status");
                continue;
            }
            String name = required(test, "name", at, "must be a non-empty string naming the test");
            String status = required(test, "status", at, "must be pass, fail or skip");
            status = status == null ? null : status.toLowerCase(Locale.ROOT);
            if (status != null && !List.of("pass", "fail", "skip").contains(status)) {
                error(at + "/status", "must be pass, fail or skip");
                status = null;
            }
            String type = text(test, "type", at);
            String severity = text(test, "severity", at);
            String description = text(test, "description", at);
            String expected = value(test, "expected", at);
            String actual = value(test, "actual", at);
            if (name == null || status == null || status.equals("skip")) {
                continue;
            }
            // The contract's assertion is the kind of check; a test without a type is known by its name.
            result.add(new Assertion(
                    type == null ? name : type,
                    status.equals("pass"),
                    null,
                    severity,
                    "RUN",
                    name,
                    description,
                    expected,
                    actual));
        }
        return List.copyOf(result);
    }

    /**
     * Refuses an event whose observations would not fit in a Kafka record: what it passes on
     * (quality facets, run tests, and the names of the datasets they are about, counted for every
     * dataset that may be observed) must stay under {@link #MAX_REPORTED_BYTES}. Otherwise one
     * oversized observation would stop the outbox relay, and with it every event after it.
     */
    void limitSize(OpenLineageEvent event) {
        if (event.kind() == Kind.DATASET) {
            checkSize(List.of(event.dataset()), List.of("/dataset"), List.of(false), List.of(false), 0);
            return;
        }
        List<Dataset> datasets = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<Boolean> tested = new ArrayList<>();
        List<Boolean> written = new ArrayList<>();
        boolean tests = event.runTests() != null;
        boolean complete = event.kind() == Kind.RUN && "COMPLETE".equals(event.eventType());
        for (int i = 0; i < event.inputs().size(); i++) {
            datasets.add(event.inputs().get(i));
            paths.add("/inputs/" + i);
            tested.add(tests && event.outputs().isEmpty());
            written.add(false);
        }
        for (int i = 0; i < event.outputs().size(); i++) {
            datasets.add(event.outputs().get(i));
            paths.add("/outputs/" + i);
            tested.add(tests);
            written.add(complete);
        }
        checkSize(datasets, paths, tested, written, tests ? size(event.runTests()) : 0);
    }

    private void checkSize(
            List<Dataset> datasets, List<String> paths, List<Boolean> tested, List<Boolean> written, long testsSize) {
        long total = 0;
        for (int i = 0; i < datasets.size(); i++) {
            Dataset dataset = datasets.get(i);
            if (dataset.quality() == null && !tested.get(i) && !written.get(i)) {
                continue;
            }
            total += dataset.quality() == null ? 0 : size(dataset.quality());
            total += tested.get(i) ? testsSize : 0;
            total += dataset.name().qualified().length();
            for (OpenLineageEvent.Name symlink : dataset.symlinks()) {
                total += symlink.qualified().length() + 3;
            }
            if (total > MAX_REPORTED_BYTES) {
                error(
                        paths.get(i),
                        "the quality this event reports up to this dataset (quality facets, run tests and the"
                                + " names of the datasets they are about) takes more than " + MAX_REPORTED_BYTES
                                + " bytes, more than one observation may carry: report fewer checks or metrics"
                                + " per event");
                return;
            }
        }
    }

    private static long size(Object value) {
        try {
            return SIZER.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quality facets not serialisable", e);
        }
    }

    private List<Assertion> assertions(JsonNode facet, String path) {
        if (!facet.isObject()) {
            error(path, "the " + ASSERTIONS + " facet must be an object with an assertions array");
            return List.of();
        }
        JsonNode assertions = facet.get("assertions");
        if (assertions == null || !assertions.isArray()) {
            error(path + "/assertions", "the " + ASSERTIONS + " facet needs an assertions array");
            return List.of();
        }
        List<Assertion> result = new ArrayList<>();
        for (int i = 0; i < assertions.size(); i++) {
            JsonNode item = assertions.get(i);
            String at = path + "/assertions/" + i;
            if (!item.isObject()) {
                error(at, "each assertion must be an object with assertion and success");
                continue;
            }
            String assertion = required(
                    item, "assertion", at, "must be a non-empty string naming the kind of check (not_null, ...)");
            JsonNode success = item.get("success");
            if (success == null || !success.isBoolean()) {
                error(at + "/success", "must be a boolean");
            }
            String column = text(item, "column", at);
            String severity = text(item, "severity", at);
            String name = text(item, "name", at);
            String description = text(item, "description", at);
            String expected = value(item, "expected", at);
            String actual = value(item, "actual", at);
            if (assertion != null && success != null && success.isBoolean()) {
                result.add(new Assertion(
                        assertion,
                        success.booleanValue(),
                        column,
                        severity,
                        "DATASET",
                        name,
                        description,
                        expected,
                        actual));
            }
        }
        return List.copyOf(result);
    }

    private Metrics metrics(JsonNode facet, String path) {
        if (!facet.isObject()) {
            error(path, "the " + METRICS + " facet must be an object");
            return null;
        }
        Long rowCount = count(facet, "rowCount", path);
        Long bytes = count(facet, "bytes", path);
        Long fileCount = count(facet, "fileCount", path);
        Map<String, ColumnMetrics> columns = null;
        JsonNode columnMetrics = facet.get("columnMetrics");
        if (columnMetrics != null && !columnMetrics.isNull()) {
            if (!columnMetrics.isObject()) {
                error(path + "/columnMetrics", "must be an object keyed by column name");
            } else {
                columns = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> column : columnMetrics.properties()) {
                    String at = path + "/columnMetrics/" + escape(column.getKey());
                    ColumnMetrics read = column(column.getValue(), at);
                    if (read != null) {
                        columns.put(column.getKey(), read);
                    }
                }
            }
        }
        return new Metrics(rowCount, bytes, fileCount, columns == null ? null : Collections.unmodifiableMap(columns));
    }

    private ColumnMetrics column(JsonNode metrics, String path) {
        if (!metrics.isObject()) {
            error(path, "the metrics of a column must be an object");
            return null;
        }
        Map<String, BigDecimal> quantiles = null;
        JsonNode q = metrics.get("quantiles");
        if (q != null && !q.isNull()) {
            if (!q.isObject()) {
                error(path + "/quantiles", "must be an object from quantile to number");
            } else {
                quantiles = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> quantile : q.properties()) {
                    if (!quantile.getValue().isNumber()) {
                        error(path + "/quantiles/" + escape(quantile.getKey()), NUMBER);
                        continue;
                    }
                    quantiles.put(quantile.getKey(), quantile.getValue().decimalValue());
                }
            }
        }
        return new ColumnMetrics(
                count(metrics, "nullCount", path),
                count(metrics, "distinctCount", path),
                number(metrics, "sum", path),
                count(metrics, "count", path),
                number(metrics, "min", path),
                number(metrics, "max", path),
                quantiles == null ? null : Collections.unmodifiableMap(quantiles));
    }

    private OutputStatistics statistics(JsonNode facet, String path) {
        if (!facet.isObject()) {
            error(path, "the " + STATISTICS + " facet must be an object");
            return null;
        }
        return new OutputStatistics(
                count(facet, "rowCount", path), count(facet, "size", path), count(facet, "fileCount", path));
    }

    /** A count or size: absent (null), or a whole number from 0 up that fits a long. */
    private Long count(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()
                || !value.canConvertToExactIntegral()
                || !value.canConvertToLong()
                || value.longValue() < 0) {
            error(path + "/" + field, NON_NEGATIVE);
            return null;
        }
        return value.longValue();
    }

    private BigDecimal number(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            error(path + "/" + field, NUMBER);
            return null;
        }
        return value.decimalValue();
    }

    /** An optional string field; null when absent. */
    private String text(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            error(path + "/" + field, TEXT);
            return null;
        }
        return value.textValue();
    }

    /** A required non-blank string field; null (and a problem reported) when missing or not one. */
    private String required(JsonNode parent, String field, String path, String message) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            error(path + "/" + field, message);
            return null;
        }
        return value.textValue();
    }

    /** An expected or observed value: a string, or a number or boolean kept as its JSON text. */
    private String value(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        error(path + "/" + field, "must be a string (or a number or boolean)");
        return null;
    }

    /** The facets object, or null when absent or not an object (the parser reports that itself). */
    private static JsonNode facets(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    private void error(String pointer, String message) {
        errors.accept(pointer, message);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
