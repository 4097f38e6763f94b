package dev.tessera.events.quality;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code dev.tessera.quality.status-changed.v1}: a product's quality after the status
 * of one or more of its output ports changed. Sent once per change, never once per failing check:
 * a check that keeps failing run after run sends nothing new. Every event carries the full current
 * status of every port, so a reader needs only the latest one.
 *
 * @param productId the product (record key and CloudEvents subject)
 * @param domainId the product's domain
 * @param sequence governance's monotonic counter of this product's quality changes
 * @param status the worst port status: FAILING, then STALE, then UNKNOWN, then PASSING
 * @param previousStatus the product's status before this change
 * @param changedPorts the ports whose status changed
 * @param ports every output port with its status
 * @param changedAt when the change was decided
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record QualityStatusV1(
        String productId,
        String domainId,
        long sequence,
        String status,
        String previousStatus,
        List<String> changedPorts,
        List<Port> ports,
        Instant changedAt) {

    /**
     * @param port the output port's name
     * @param status PASSING, FAILING, STALE or UNKNOWN
     * @param previousStatus the port's status before this change
     * @param freshness how the last write compares with the contract's SLA
     * @param failingChecks the checks failing now; empty unless the port is FAILING
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Port(
            String port, String status, String previousStatus, Freshness freshness, List<Check> failingChecks) {}

    /**
     * @param status FRESH, STALE, or UNKNOWN (no SLA, or no write seen yet)
     * @param sla the contract's SLA as written, for example {@code latency 4h}
     * @param lastWriteAt when a completed run last wrote the port's dataset
     * @param deadline when the port turns STALE without a new write
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Freshness(String status, String sla, Instant lastWriteAt, Instant deadline) {}

    /**
     * One check and its latest result.
     *
     * @param checkId stable id of the check within the port
     * @param source CONTRACT_RULE, ASSERTION or PUSHED
     * @param name what is checked, in the contract's or the producer's words
     * @param column the column, when the check is about one
     * @param observed the observed value, when there is one
     * @param operator the contract's operator ({@code mustBeGreaterThan}, ...), for contract rules
     * @param threshold the contract's threshold, for contract rules
     * @param observedAt when the result was observed
     * @param runId the OpenLineage run that reported it, when one did
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Check(
            String checkId,
            String source,
            String name,
            String column,
            String observed,
            String operator,
            String threshold,
            Instant observedAt,
            String runId) {}
}
