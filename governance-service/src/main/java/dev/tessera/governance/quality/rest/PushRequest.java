package dev.tessera.governance.quality.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Results a tool pushes for one output port.
 *
 * @param tool the tool's name ({@code great-expectations}, {@code soda}, ...)
 * @param results one to {@value QualityResource#MAX_RESULTS} results
 */
public record PushRequest(String tool, List<Result> results) {

    /**
     * One result.
     *
     * @param check a contract rule's checkId, ODCS id or name; or a free name for a check of the tool's own
     * @param success whether the check held; may be left out when a value decides it
     * @param value the measured value, compared with the named rule's operator and threshold
     * @param observedAt when it was observed (ISO-8601); at most a few minutes ahead of the server's clock
     * @param runId the run that produced it, when there is one
     */
    public record Result(String check, Boolean success, BigDecimal value, Instant observedAt, String runId) {}
}
