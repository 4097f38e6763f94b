package dev.tessera.catalog.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.events.governance.EvaluationV1;
import dev.tessera.events.lineage.LineageEdgeV1;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.events.quality.QualityStatusV1;
import dev.tessera.events.usage.AttentionV1;
import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.SharedInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the registry, governance (evaluations and quality), lineage (edges and usage) and other catalog replicas: produces their events the way their outbox relays do
 * (CloudEvents binary mode, key = aggregate id, {@code sequence} extension), each checked against the
 * published JSON Schema first.
 */
public final class Events {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static KafkaProducer<String, String> producer;

    private Events() {}

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            SharedInfrastructure.kafka().bootstrapServers(),
                            ProducerConfig.LINGER_MS_CONFIG,
                            0),
                    new StringSerializer(),
                    new StringSerializer());
        }
        return producer;
    }

    /** Sends an event with a fresh id; returns the id. */
    public static String send(EventType type, String key, long sequence, Object payload) {
        return send(UUID.randomUUID().toString(), type, key, sequence, payload);
    }

    /** Sends an event with a chosen id (to replay a delivery). */
    public static String send(String eventId, EventType type, String key, long sequence, Object payload) {
        sendAt(eventId, type, key, sequence, payload);
        return eventId;
    }

    /** Sends an event with a chosen id; where the broker put it. */
    public static RecordMetadata sendAt(String eventId, EventType type, String key, long sequence, Object payload) {
        ProducerRecord<String, String> record = CloudEventRecords.event(type, key, JSON.valueToTree(payload))
                .id(eventId)
                .sequence(sequence)
                .record();
        return CloudEventRecords.sendAndWait(producer(), record);
    }

    /** Every record of a topic with a given key, from its beginning to its current end, in order. */
    public static List<ConsumerRecord<String, String>> records(String topic, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfrastructure.kafka().bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }

    /** Publishes a product state on tessera.products; returns the event id. */
    public static String product(ProductStateV1 state) {
        return send(EventType.PRODUCT_UPDATED, state.productId(), state.sequence(), state);
    }

    /** A draft (never published) product, head version 1.0.0. */
    public static ProductStateV1 draft(String id, String domain, long sequence, JsonNode descriptor) {
        return new ProductStateV1(
                id,
                sequence,
                domain,
                descriptor.path("name").asText(id),
                new ProductStateV1.Change(ProductStateV1.ChangeKinds.DRAFT_UPDATED, "1.0.0", null, null, "dora", null),
                List.of(new ProductStateV1.VersionSummary("1.0.0", "DRAFT", null, null, Instant.now())),
                "1.0.0",
                null,
                descriptor,
                null,
                List.of(),
                Instant.now());
    }

    /** A product whose version 1.0.0 is published and is the head. */
    public static ProductStateV1 published(String id, String domain, long sequence, JsonNode descriptor) {
        return new ProductStateV1(
                id,
                sequence,
                domain,
                descriptor.path("name").asText(id),
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED,
                        "1.0.0",
                        "PENDING_APPROVAL",
                        "PUBLISHED",
                        "gina",
                        null),
                List.of(new ProductStateV1.VersionSummary("1.0.0", "PUBLISHED", null, null, Instant.now())),
                "1.0.0",
                "1.0.0",
                descriptor,
                descriptor,
                List.of(),
                Instant.now());
    }

    /** A product with 1.0.0 published and a 1.1.0 draft on top whose descriptor is {@code draft}. */
    public static ProductStateV1 publishedWithDraft(
            String id, String domain, long sequence, JsonNode published, JsonNode draft) {
        return new ProductStateV1(
                id,
                sequence,
                domain,
                draft.path("name").asText(id),
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.VERSION_CREATED, "1.1.0", null, "DRAFT", "dora", null),
                List.of(
                        new ProductStateV1.VersionSummary("1.0.0", "PUBLISHED", null, null, Instant.now()),
                        new ProductStateV1.VersionSummary("1.1.0", "DRAFT", null, null, Instant.now())),
                "1.1.0",
                "1.0.0",
                draft,
                published,
                List.of(),
                Instant.now());
    }

    /** A governance evaluation of a product. */
    public static String evaluation(
            String productId, String domain, long sequence, double score, String rating, String failingPolicy) {
        List<EvaluationV1.PolicyOutcome> outcomes = failingPolicy == null
                ? List.of(new EvaluationV1.PolicyOutcome(
                        "owner", 1, "Has an owner", "BLOCKING", "PASS", null, null, null))
                : List.of(
                        new EvaluationV1.PolicyOutcome(
                                "owner", 1, "Has an owner", "BLOCKING", "PASS", null, null, null),
                        new EvaluationV1.PolicyOutcome(
                                failingPolicy,
                                1,
                                "Policy " + failingPolicy,
                                "WARNING",
                                "FAIL",
                                "it failed",
                                "fix it",
                                null));
        EvaluationV1 e =
                new EvaluationV1(productId, sequence, 1, "1.0.0", domain, score, rating, 0, outcomes, Instant.now());
        return send(EventType.EVALUATION_COMPLETED, productId, sequence, e);
    }

    /**
     * Governance's quality status of a product with one output port, {@code <productId>-port}, whose status
     * is the product's; the checks are the port's failing ones.
     */
    public static QualityStatusV1 qualityStatus(
            String productId, String domain, long sequence, String status, QualityStatusV1.Check... failing) {
        String port = productId + "-port";
        return new QualityStatusV1(
                productId,
                domain,
                sequence,
                status,
                null,
                List.of(port),
                List.of(new QualityStatusV1.Port(
                        port,
                        status,
                        null,
                        new QualityStatusV1.Freshness("FRESH", "latency 4h", Instant.now(), null),
                        List.of(failing))),
                Instant.now());
    }

    /** A failing contract rule on the {@code amount} column. */
    public static QualityStatusV1.Check failingCheck(String checkId, String observed, String threshold) {
        return new QualityStatusV1.Check(
                checkId,
                "CONTRACT_RULE",
                "Share of orders with an amount",
                "amount",
                observed,
                "mustBeGreaterThan",
                threshold,
                Instant.now(),
                null);
    }

    /** Publishes a quality status change on tessera.quality; returns the event id. */
    public static String quality(QualityStatusV1 status) {
        return send(EventType.QUALITY_STATUS_CHANGED, status.productId(), status.sequence(), status);
    }

    /**
     * Lineage's usage of a product: {@code consumers} distinct consumers (all declared, one of them also
     * observed), {@code reads} runs in the last 30 days, the last of them at {@code lastReadAt} (null: never
     * read), with no shadow consumer; {@code change} is what the record reports.
     */
    public static UsageStateV1 usage(
            String productId,
            String domain,
            long sequence,
            int consumers,
            long reads,
            Instant lastReadAt,
            String change) {
        int observed = lastReadAt == null ? 0 : Math.min(1, consumers);
        return new UsageStateV1(
                productId,
                domain,
                sequence,
                new UsageStateV1.Counts(consumers, 0, observed, 0, consumers),
                reads,
                lastReadAt,
                null,
                false,
                90,
                null,
                List.of(),
                0,
                new UsageStateV1.Change(change, null),
                Instant.now());
    }

    /** An observed job reading a product without a grant or a declaration. */
    public static UsageStateV1.Consumer shadowJob(String job, Instant lastReadAt) {
        return new UsageStateV1.Consumer(List.of("OBSERVED"), null, null, job, null, 3, lastReadAt, lastReadAt);
    }

    /** Lineage's usage of a product after it found a shadow consumer, which the record lists. */
    public static UsageStateV1 shadowFound(String productId, String domain, long sequence, UsageStateV1.Consumer job) {
        return new UsageStateV1(
                productId,
                domain,
                sequence,
                new UsageStateV1.Counts(0, 0, 1, 1, 1),
                job.runs(),
                job.lastReadAt(),
                null,
                false,
                90,
                null,
                List.of(job),
                1,
                new UsageStateV1.Change("SHADOW_CONSUMER_FOUND", job),
                Instant.now());
    }

    /** Publishes a usage record on tessera.usage, typed after the change it reports; returns the event id. */
    public static String usage(UsageStateV1 usage) {
        return send(usageType(usage), usage.productId(), usage.sequence(), usage);
    }

    /** The event type of a usage record: the change it reports. */
    public static EventType usageType(UsageStateV1 usage) {
        return switch (usage.change().kind()) {
            case "CONSUMER_ADDED" -> EventType.USAGE_CONSUMER_ADDED;
            case "SHADOW_CONSUMER_FOUND" -> EventType.USAGE_SHADOW_CONSUMER_FOUND;
            case "BECAME_UNUSED" -> EventType.USAGE_BECAME_UNUSED;
            case "BECAME_USED" -> EventType.USAGE_BECAME_USED;
            default -> EventType.USAGE_REFRESHED;
        };
    }

    /** The catalog's attention of a product, as another replica would have sent it. */
    public static AttentionV1 attention(String productId, String domain, long sequence, long views, long viewers) {
        return new AttentionV1(productId, domain, sequence, views, viewers, 0, Instant.now(), Instant.now());
    }

    /** Publishes an attention record on tessera.attention; returns the event id. */
    public static String attention(AttentionV1 attention) {
        return send(EventType.ATTENTION_REFRESHED, attention.productId(), attention.sequence(), attention);
    }

    /** A lineage edge between two products' nodes. */
    public static String edge(
            String edgeId, String fromProduct, String toProduct, String toDomain, boolean present, long sequence) {
        LineageEdgeV1 e = new LineageEdgeV1(
                edgeId,
                sequence,
                new LineageEdgeV1.Node("PORT", fromProduct + "/table", fromProduct, "sales"),
                new LineageEdgeV1.Node("PRODUCT", toProduct, toProduct, toDomain),
                "ACCESS_GRANT",
                present,
                Instant.now());
        return send(present ? EventType.LINEAGE_EDGE_ADDED : EventType.LINEAGE_EDGE_REMOVED, edgeId, sequence, e);
    }

    /** An access request state. */
    public static String access(
            String requestId, String productId, String domain, String subject, String status, long sequence) {
        AccessRequestStateV1 a = new AccessRequestStateV1(
                requestId,
                sequence,
                productId,
                "orders-table",
                null,
                domain,
                new AccessRequestStateV1.Consumer(subject, null, null),
                "monthly revenue report",
                Instant.now().plusSeconds(86_400),
                status,
                List.of(new AccessRequestStateV1.Step(status, subject, Instant.now(), null)),
                Instant.now());
        return send(EventType.ACCESS_REQUESTED, requestId, sequence, a);
    }

    /**
     * An ODPS descriptor with one output port and an ODCS contract; {@code extra} replaces top-level fields.
     */
    public static ObjectNode descriptor(
            String id,
            String name,
            String domain,
            String purpose,
            List<String> tags,
            String owner,
            String portType,
            boolean pii) {
        ObjectNode d = yaml(
                """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: %2$s
                version: 1.0.0
                status: draft
                domain: %3$s
                description:
                  purpose: %4$s
                  usage: Internal reporting only.
                team:
                  name: %3$s-data
                  members:
                    - username: %5$s
                      role: owner
                    - username: bob
                      role: member
                outputPorts:
                  - name: %1$s-port
                    version: 1.0.0
                    type: %6$s
                    description: The product as a %6$s
                    contract:
                      apiVersion: v3.1.0
                      kind: DataContract
                      id: %1$s-contract
                      version: 1.0.0
                      status: active
                      schema:
                        - name: records
                          properties:
                            - name: record_id
                              logicalType: string
                              description: Stable identifier of a record
                            - name: customer_email
                              logicalType: string
                              description: Where receipts are sent
                              %7$s
                """.formatted(id, name, domain, purpose, owner, portType, pii ? "tags: [pii]" : "tags: [contact]"));
        d.set("tags", JSON.valueToTree(tags));
        return d;
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
