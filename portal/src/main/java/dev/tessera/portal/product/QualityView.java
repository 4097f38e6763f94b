package dev.tessera.portal.product;

import static dev.tessera.portal.product.ContractView.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The quality panel: governance's view of each output port ({@code GET
 * /api/governance/v1/products/{id}/quality}): its status, how fresh its data is against the
 * contract's SLA, and every quality rule or check with its latest result; open incidents too.
 *
 * @param status the product's status, that of its worst port: FAILING, STALE, UNKNOWN or PASSING
 * @param lastCheckedAt times are to the minute in UTC
 */
public record QualityView(
        String status, String lastCheckedAt, String lastPassedAt, List<Port> ports, List<Incident> incidents) {

    /**
     * One output port.
     *
     * @param freshness FRESH, STALE or UNKNOWN as governance decides it, or null
     * @param sla the SLA freshness is measured against, or null
     */
    public record Port(
            String name,
            String status,
            String freshness,
            String sla,
            String lastWriteAt,
            String deadline,
            List<Check> checks) {}

    /**
     * The latest result of one rule or check.
     *
     * @param source where it comes from: the contract, a producer's assertion, a pushed result
     * @param outcome PASS, FAIL or UNKNOWN (not decided yet)
     * @param observed the value measured, when there is one
     * @param expected the rule's operator and threshold in words, when it has them
     */
    public record Check(
            String name,
            String column,
            String source,
            String outcome,
            String severity,
            String observed,
            String expected,
            String observedAt) {

        public boolean failing() {
            return "FAIL".equals(outcome);
        }
    }

    /** A failing check, open since its first failure. */
    public record Incident(String port, String name, String observed, String openedAt) {}

    static QualityView of(JsonNode quality) {
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : quality.path("ports")) {
            List<Check> checks = new ArrayList<>();
            for (JsonNode c : p.path("checks")) {
                checks.add(new Check(
                        text(c, "name") != null ? text(c, "name") : text(c, "checkId"),
                        text(c, "column"),
                        text(c, "source"),
                        text(c, "outcome"),
                        text(c, "severity"),
                        text(c, "observed"),
                        expected(c),
                        Times.readable(text(c, "observedAt"))));
            }
            JsonNode f = p.path("freshness");
            ports.add(new Port(
                    text(p, "port"),
                    text(p, "status"),
                    text(f, "status"),
                    text(f, "sla"),
                    Times.readable(text(f, "lastWriteAt")),
                    Times.readable(text(f, "deadline")),
                    List.copyOf(checks)));
        }
        List<Incident> incidents = new ArrayList<>();
        for (JsonNode i : quality.path("incidents")) {
            incidents.add(new Incident(
                    text(i, "port"),
                    text(i, "name") != null ? text(i, "name") : text(i, "checkId"),
                    text(i, "observed"),
                    Times.readable(text(i, "openedAt"))));
        }
        return new QualityView(
                text(quality, "status"),
                Times.readable(text(quality, "lastCheckedAt")),
                Times.readable(text(quality, "lastPassedAt")),
                List.copyOf(ports),
                List.copyOf(incidents));
    }

    /** "mustBeGreaterThan 1000 rows" from the check's operator, threshold and unit. */
    private static String expected(JsonNode check) {
        String operator = text(check, "operator");
        String threshold = text(check, "threshold");
        if (operator == null && threshold == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        if (operator != null) {
            text.append(operator);
        }
        if (threshold != null) {
            text.append(text.isEmpty() ? "" : " ").append(threshold);
        }
        String unit = text(check, "unit");
        if (unit != null) {
            text.append(' ').append(unit);
        }
        return text.toString();
    }
}
