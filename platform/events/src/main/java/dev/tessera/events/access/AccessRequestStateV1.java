package dev.tessera.events.access;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Payload of every event on {@code tessera.access}: the full current state of one access request,
 * so provisioners (warehouse grants, topic ACLs) can act on any step and the lineage service can
 * draw an edge for every ACTIVE grant.
 *
 * @param requestId the access request (record key and CloudEvents subject)
 * @param sequence monotonic version of the request
 * @param productId the product whose output port is requested
 * @param portName the output port
 * @param portVersion the port version, when the request names one
 * @param productDomainId the domain owning the product
 * @param consumer who asked, and for which consuming product
 * @param purpose why the consumer needs the data
 * @param requestedUntil when access should end on its own
 * @param status REQUESTED, APPROVED, REJECTED, ACTIVE, REVOKED, EXPIRED or FAILED
 * @param history every step with who and when, oldest first
 * @param updatedAt when this state was committed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessRequestStateV1(
        String requestId,
        long sequence,
        String productId,
        String portName,
        String portVersion,
        String productDomainId,
        Consumer consumer,
        String purpose,
        Instant requestedUntil,
        String status,
        List<Step> history,
        Instant updatedAt) {

    /**
     * The requesting side.
     *
     * @param subject the user or client that asked
     * @param productId the consuming product, if the access feeds one
     * @param domainId the consuming product's domain, if known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consumer(String subject, String productId, String domainId) {}

    /** One step of the request's life. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(String status, String actor, Instant at, String reason) {}
}
