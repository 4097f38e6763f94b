package dev.tessera.events;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every CloudEvents {@code type} Tessera emits, with the topic it travels on and the JSON Schema
 * of its payload. Type names follow {@code dev.tessera.<aggregate>.<event>.v<N>}; a payload change
 * that is not backwards compatible gets a new constant with the next N.
 */
public enum EventType {
    PRODUCT_CREATED("dev.tessera.product.created.v1", Topics.PRODUCTS, "product-state-v1"),
    PRODUCT_UPDATED("dev.tessera.product.updated.v1", Topics.PRODUCTS, "product-state-v1"),
    PRODUCT_STATUS_CHANGED("dev.tessera.product.status-changed.v1", Topics.PRODUCTS, "product-state-v1"),
    PRODUCT_PUBLISH_REQUESTED("dev.tessera.product.publish-requested.v1", Topics.PRODUCTS, "product-state-v1"),
    DOMAIN_UPSERTED("dev.tessera.domain.upserted.v1", Topics.DOMAINS, "domain-state-v1"),
    EVALUATION_COMPLETED("dev.tessera.governance.evaluation-completed.v1", Topics.GOVERNANCE, "evaluation-v1"),
    PUBLISH_DECIDED("dev.tessera.governance.publish-decided.v1", Topics.GOVERNANCE, "publish-decision-v1"),
    ACCESS_REQUESTED("dev.tessera.access.requested.v1", Topics.ACCESS, "access-request-state-v1"),
    ACCESS_APPROVED("dev.tessera.access.approved.v1", Topics.ACCESS, "access-request-state-v1"),
    ACCESS_REJECTED("dev.tessera.access.rejected.v1", Topics.ACCESS, "access-request-state-v1"),
    ACCESS_ACTIVATED("dev.tessera.access.activated.v1", Topics.ACCESS, "access-request-state-v1"),
    ACCESS_REVOKED("dev.tessera.access.revoked.v1", Topics.ACCESS, "access-request-state-v1"),
    ACCESS_EXPIRED("dev.tessera.access.expired.v1", Topics.ACCESS, "access-request-state-v1"),
    ACCESS_FAILED("dev.tessera.access.failed.v1", Topics.ACCESS, "access-request-state-v1"),
    LINEAGE_EDGE_ADDED("dev.tessera.lineage.edge-added.v1", Topics.LINEAGE, "lineage-edge-v1"),
    LINEAGE_EDGE_REMOVED("dev.tessera.lineage.edge-removed.v1", Topics.LINEAGE, "lineage-edge-v1"),
    QUALITY_OBSERVED("dev.tessera.quality.observed.v1", Topics.QUALITY_OBSERVATIONS, "quality-observation-v1"),
    QUALITY_STATUS_CHANGED("dev.tessera.quality.status-changed.v1", Topics.QUALITY, "quality-status-v1"),
    USAGE_CONSUMER_ADDED("dev.tessera.usage.consumer-added.v1", Topics.USAGE, "usage-state-v1"),
    USAGE_SHADOW_CONSUMER_FOUND("dev.tessera.usage.shadow-consumer-found.v1", Topics.USAGE, "usage-state-v1"),
    USAGE_BECAME_UNUSED("dev.tessera.usage.became-unused.v1", Topics.USAGE, "usage-state-v1"),
    USAGE_BECAME_USED("dev.tessera.usage.became-used.v1", Topics.USAGE, "usage-state-v1"),
    USAGE_REFRESHED("dev.tessera.usage.refreshed.v1", Topics.USAGE, "usage-state-v1"),
    ATTENTION_REFRESHED("dev.tessera.attention.refreshed.v1", Topics.ATTENTION, "attention-v1");

    /** Prefix of every {@code dataschema} URI; the rest is the schema's file name without extension. */
    public static final String SCHEMA_BASE = "https://tessera.dev/schemas/events/";

    // Looked up for every event a relay publishes: built once, not per event.
    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, t -> t));

    private final String type;
    private final String topic;
    private final String schemaName;
    private final URI dataSchema;

    EventType(String type, String topic, String schemaName) {
        this.type = type;
        this.topic = topic;
        this.schemaName = schemaName;
        this.dataSchema = URI.create(SCHEMA_BASE + schemaName + ".json");
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    /** Name of the payload schema, a file {@code schemas/<name>.json} on the classpath. */
    public String schemaName() {
        return schemaName;
    }

    /** The CloudEvents {@code dataschema} attribute. */
    public URI dataSchema() {
        return dataSchema;
    }

    /** Looks a CloudEvents type up; empty for a type this version of the contract does not know. */
    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }
}
