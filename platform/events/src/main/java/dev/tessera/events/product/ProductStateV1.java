package dev.tessera.events.product;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Payload of every event on {@code tessera.products}: the product's full current state, so the
 * compacted topic alone is enough to rebuild any read model.
 *
 * @param productId the product id (also the record key and the CloudEvents subject)
 * @param sequence the product's monotonic version; also the {@code sequence} extension
 * @param domainId the owning domain
 * @param name display name of the product
 * @param change what this event reports
 * @param versions every version with its lifecycle status, oldest first
 * @param headVersion the newest version (the one being worked on, or the latest published)
 * @param latestPublishedVersion the newest PUBLISHED or DEPRECATED version, null before the first
 * @param descriptor the descriptor of the head version (ODPS with inline ODCS contracts)
 * @param publishedDescriptor the descriptor of the latest published version, null before the first
 * @param findings breaking-change findings of the head version against the latest published one
 * @param updatedAt when the change was committed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductStateV1(
        String productId,
        long sequence,
        String domainId,
        String name,
        Change change,
        List<VersionSummary> versions,
        String headVersion,
        String latestPublishedVersion,
        JsonNode descriptor,
        JsonNode publishedDescriptor,
        List<Finding> findings,
        Instant updatedAt) {

    /** What happened to the product in this event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(
            String kind, String version, String fromStatus, String toStatus, String actor, List<String> reasons) {}

    /** One version of the product and where it is in the lifecycle. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VersionSummary(
            String version, String status, String sunsetDate, String successor, Instant createdAt) {}

    /** One breaking-change finding: severity is {@code BREAKING} or {@code NON_BREAKING}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Finding(String severity, String rule, String path, String message) {}

    /** Kinds of change reported in {@link Change#kind()}. */
    public static final class ChangeKinds {
        public static final String CREATED = "CREATED";
        public static final String DRAFT_UPDATED = "DRAFT_UPDATED";
        public static final String VERSION_CREATED = "VERSION_CREATED";
        public static final String STATUS_CHANGED = "STATUS_CHANGED";

        private ChangeKinds() {}
    }
}
