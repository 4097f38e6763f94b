package dev.tessera.governance.quality.service;

import dev.tessera.governance.quality.rules.Verdict.Outcome;
import java.time.Instant;
import java.util.Comparator;

/**
 * One result of one check of one output port.
 *
 * @param checkId stable id of the check within the port: a contract rule's checkId, or one derived
 *     from the assertion or the pushed name
 * @param observationId the observation that carried it; for pushed results an id made up at intake
 * @param severity the producer's severity for assertions; {@code warn}/{@code warning} never fail a port
 * @param tool the tool that pushed it (PUSHED only)
 */
public record CheckResult(
        String productId,
        String port,
        String checkId,
        CheckSource source,
        Outcome outcome,
        String observed,
        String operator,
        String threshold,
        String unit,
        String name,
        String column,
        String severity,
        Instant observedAt,
        String runId,
        String eventId,
        String observationId,
        String tool) {

    /**
     * Which of two results of a check is the latest: a decided one outranks UNKNOWN, then the later
     * observation, then the greater observation id. A total order, so any arrival order of the same
     * results leaves the same latest result.
     */
    public static final Comparator<CheckResult> RECENCY = Comparator.comparing((CheckResult r) -> r.decided())
            .thenComparing(CheckResult::observedAt)
            .thenComparing(CheckResult::observationId);

    public boolean decided() {
        return outcome != Outcome.UNKNOWN;
    }

    /** True when this result fails its port: a FAIL, unless the producer called it a warning. */
    public boolean failsPort() {
        return outcome == Outcome.FAIL && !isWarning(severity);
    }

    static boolean isWarning(String severity) {
        return severity != null && (severity.equalsIgnoreCase("warn") || severity.equalsIgnoreCase("warning"));
    }
}
