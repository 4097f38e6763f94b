package dev.tessera.governance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.events.domain.DomainStateV1;
import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.SharedInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the registry: produces ProductStateV1 events on {@code tessera.products} the way the
 * registry's outbox relay does (CloudEvents binary mode, key = product id, {@code sequence} extension),
 * each checked against the published schema first.
 */
public final class ProductEvents implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafka().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());

    /** Sends a product state with a fresh event id; returns the id. */
    public String send(EventType type, ProductStateV1 state) {
        return send(UUID.randomUUID().toString(), type, state);
    }

    /** Sends a product state with a chosen event id (to replay a delivery). */
    public String send(String eventId, EventType type, ProductStateV1 state) {
        return publish(eventId, type, state.productId(), state.sequence(), state);
    }

    /** Sends a domain's state the way the registry announces a new or changed domain, owned by /domains/<id>. */
    public String sendDomain(String domainId, long sequence) {
        return sendDomain(domainId, sequence, "/domains/" + domainId);
    }

    /** Sends a domain's state naming the Keycloak group (full path) that owns it. */
    public String sendDomain(String domainId, long sequence, String ownerGroup) {
        DomainStateV1 state =
                new DomainStateV1(domainId, sequence, "Domain " + domainId, null, ownerGroup, null, Instant.now());
        return publish(UUID.randomUUID().toString(), EventType.DOMAIN_UPSERTED, domainId, sequence, state);
    }

    /** Sends a lineage edge "data flows from {@code from} to {@code to}" the way lineage announces it. */
    public String sendEdge(String from, String fromDomain, String to, String toDomain, String kind) {
        String edgeId = from + "->" + to + ":" + kind;
        LineageEdgeV1 edge = new LineageEdgeV1(
                edgeId,
                1,
                new LineageEdgeV1.Node("PRODUCT", from, from, fromDomain),
                new LineageEdgeV1.Node("PRODUCT", to, to, toDomain),
                kind,
                true,
                Instant.now());
        return publish(UUID.randomUUID().toString(), EventType.LINEAGE_EDGE_ADDED, edgeId, 1, edge);
    }

    /**
     * Version 1.0.0 published and a 1.1.0 put up for approval with the registry's breaking findings:
     * a breaking change that keeps the major version.
     */
    public static ProductStateV1 breakingMinorRequested(
            String productId, String domainId, long sequence, JsonNode descriptor, List<ProductStateV1.Finding> found) {
        return new ProductStateV1(
                productId,
                sequence,
                domainId,
                "Orders",
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED, "1.1.0", "DRAFT", "PENDING_APPROVAL", "dora", null),
                List.of(version("1.0.0", "PUBLISHED"), version("1.1.0", "PENDING_APPROVAL")),
                "1.1.0",
                "1.0.0",
                ((ObjectNode) descriptor.deepCopy()).put("version", "1.1.0"),
                descriptor,
                found,
                Instant.now());
    }

    /** Checks the payload against its published schema and sends it as the registry's relay would. */
    private String publish(String eventId, EventType type, String key, long sequence, Object state) {
        CloudEventRecords.sendAndWait(
                producer,
                CloudEventRecords.event(type, key, JSON.valueToTree(state))
                        .id(eventId)
                        .source("/tessera/product-registry")
                        .sequence(sequence)
                        .record());
        return eventId;
    }

    /** A product state as the registry publishes it for a draft, head version 1.0.0. */
    public static ProductStateV1 state(String productId, String domainId, long sequence, JsonNode descriptor) {
        return product(
                productId,
                domainId,
                sequence,
                new ProductStateV1.Change(ProductStateV1.ChangeKinds.DRAFT_UPDATED, "1.0.0", null, null, "dora", null),
                List.of(version("1.0.0", "DRAFT")),
                "1.0.0",
                null,
                descriptor);
    }

    /** The state the registry publishes when version 1.0.0 is put up for approval. */
    public static ProductStateV1 publishRequested(
            String productId, String domainId, long sequence, JsonNode descriptor) {
        return product(
                productId,
                domainId,
                sequence,
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED, "1.0.0", "DRAFT", "PENDING_APPROVAL", "dora", null),
                List.of(version("1.0.0", "PENDING_APPROVAL")),
                "1.0.0",
                null,
                descriptor);
    }

    /** Version 1.0.0 published and the head. */
    public static ProductStateV1 published(String productId, String domainId, long sequence, JsonNode descriptor) {
        return product(
                productId,
                domainId,
                sequence,
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED,
                        "1.0.0",
                        "PENDING_APPROVAL",
                        "PUBLISHED",
                        "dora",
                        null),
                List.of(version("1.0.0", "PUBLISHED")),
                "1.0.0",
                "1.0.0",
                descriptor);
    }

    /** Version 1.0.0 published, and a draft 2.0.0 (with the same descriptor) as the head. */
    public static ProductStateV1 withDraft(String productId, String domainId, long sequence, JsonNode descriptor) {
        return product(
                productId,
                domainId,
                sequence,
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.VERSION_CREATED, "2.0.0", null, "DRAFT", "dora", null),
                List.of(version("1.0.0", "PUBLISHED"), version("2.0.0", "DRAFT")),
                "2.0.0",
                "1.0.0",
                descriptor);
    }

    private static ProductStateV1 product(
            String productId,
            String domainId,
            long sequence,
            ProductStateV1.Change change,
            List<ProductStateV1.VersionSummary> versions,
            String headVersion,
            String publishedVersion,
            JsonNode descriptor) {
        return new ProductStateV1(
                productId,
                sequence,
                domainId,
                "Orders",
                change,
                versions,
                headVersion,
                publishedVersion,
                descriptor,
                publishedVersion == null ? null : descriptor,
                List.of(),
                Instant.now());
    }

    private static ProductStateV1.VersionSummary version(String version, String status) {
        return new ProductStateV1.VersionSummary(version, status, null, null, Instant.now());
    }

    /**
     * A descriptor that passes every BLOCKING starter policy: an owner, a support channel, a typed
     * contract, classified PII.
     */
    public static ObjectNode compliant(String productId, String domainId) {
        return yaml("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: Orders
                version: 1.0.0
                status: draft
                domain: %2$s
                description:
                  purpose: Every order placed in the web shop, one row per order, for revenue reporting.
                  usage: Internal reporting only.
                team:
                  name: %2$s-data
                  members:
                    - username: ann
                      role: owner
                support:
                  - channel: "#%2$s-data"
                    url: https://chat.example.com/%2$s
                outputPorts:
                  - name: orders-table
                    version: 1.0.0
                    contract:
                      apiVersion: v3.1.0
                      kind: DataContract
                      id: %1$s-contract
                      version: 1.0.0
                      status: active
                      schema:
                        - name: orders
                          properties:
                            - name: order_id
                              logicalType: string
                            - name: customer_email
                              logicalType: string
                              tags: [pii]
                              classification: restricted
                """.formatted(productId, domainId));
    }

    /** The compliant descriptor without its team: fails the BLOCKING owner policy. */
    public static ObjectNode withoutOwner(String productId, String domainId) {
        ObjectNode d = compliant(productId, domainId);
        d.remove("team");
        return d;
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
