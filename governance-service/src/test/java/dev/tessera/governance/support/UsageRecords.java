package dev.tessera.governance.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.CloudEventAttributes;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.usage.UsageStateV1;
import dev.tessera.testkit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays lineage on {@code tessera.usage}: produces UsageStateV1 records the way its outbox relay does
 * (CloudEvents binary mode, key = product id, the type named by the change kind), each checked
 * against the published schema first. Records are built from {@link #usage} and its {@code with*}
 * steps, so a test names only what it is about.
 */
public final class UsageRecords implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafka().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());

    /** Sends a record and waits for the broker's acknowledgement. */
    public void send(UsageStateV1 state) {
        EventType type =
                switch (state.change().kind()) {
                    case "CONSUMER_ADDED" -> EventType.USAGE_CONSUMER_ADDED;
                    case "SHADOW_CONSUMER_FOUND" -> EventType.USAGE_SHADOW_CONSUMER_FOUND;
                    case "BECAME_UNUSED" -> EventType.USAGE_BECAME_UNUSED;
                    case "BECAME_USED" -> EventType.USAGE_BECAME_USED;
                    case "REFRESHED" -> EventType.USAGE_REFRESHED;
                    default ->
                        throw new IllegalArgumentException(
                                "no change kind " + state.change().kind());
                };
        JsonNode payload = ProductEvents.JSON.valueToTree(state);
        List<String> problems = EventSchemas.validate(type, payload);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("test usage record does not match its schema: " + problems);
        }
        ProducerRecord<String, String> record =
                new ProducerRecord<>(type.topic(), state.productId(), payload.toString());
        header(record, CloudEventAttributes.ID, UUID.randomUUID().toString());
        header(record, CloudEventAttributes.TYPE, type.type());
        header(record, CloudEventAttributes.SOURCE, "/tessera/lineage");
        header(record, CloudEventAttributes.SPECVERSION, CloudEventAttributes.SPEC_VERSION);
        header(record, CloudEventAttributes.SUBJECT, state.productId());
        header(record, CloudEventAttributes.DATASCHEMA, type.dataSchema().toString());
        header(record, CloudEventAttributes.CONTENT_TYPE, "application/json");
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A product with one declared consumer, read now and then, not unused: the change named. */
    public static UsageStateV1 usage(String productId, String domainId, long sequence, String change) {
        return new UsageStateV1(
                productId,
                domainId,
                sequence,
                new UsageStateV1.Counts(1, 0, 0, 0, 1),
                0,
                null,
                null,
                false,
                90,
                null,
                List.of(),
                0,
                new UsageStateV1.Change(change, null),
                Instant.now());
    }

    /** The record with its reads in the last 30 days and the last one. */
    public static UsageStateV1 withReads(UsageStateV1 s, long reads, Instant lastReadAt) {
        return new UsageStateV1(
                s.productId(),
                s.domainId(),
                s.sequence(),
                s.consumers(),
                reads,
                lastReadAt,
                s.attention(),
                s.unused(),
                s.unusedAfterDays(),
                s.unusedSince(),
                s.shadowConsumers(),
                s.shadowConsumersTotal(),
                s.change(),
                s.asOf());
    }

    /** The record with these shadow consumers, counted among the observed ones. */
    public static UsageStateV1 withShadows(UsageStateV1 s, UsageStateV1.Consumer... shadows) {
        UsageStateV1.Counts c = s.consumers();
        return new UsageStateV1(
                s.productId(),
                s.domainId(),
                s.sequence(),
                new UsageStateV1.Counts(
                        c.declared(),
                        c.granted(),
                        shadows.length,
                        shadows.length,
                        c.declared() + c.granted() + shadows.length),
                s.readsLast30Days(),
                s.lastReadAt(),
                s.attention(),
                s.unused(),
                s.unusedAfterDays(),
                s.unusedSince(),
                List.of(shadows),
                shadows.length,
                shadows.length == 0
                        ? s.change()
                        : new UsageStateV1.Change(s.change().kind(), shadows[0]),
                s.asOf());
    }

    /** The record of a product unused since {@code since} under a threshold of {@code afterDays} days. */
    public static UsageStateV1 unused(UsageStateV1 s, int afterDays, Instant since) {
        return new UsageStateV1(
                s.productId(),
                s.domainId(),
                s.sequence(),
                s.consumers(),
                0,
                s.lastReadAt(),
                s.attention(),
                true,
                afterDays,
                since,
                s.shadowConsumers(),
                s.shadowConsumersTotal(),
                s.change(),
                s.asOf());
    }

    /** The record with the catalog's attention. */
    public static UsageStateV1 withViews(UsageStateV1 s, long pageViews, long viewers, Instant lastViewedAt) {
        return new UsageStateV1(
                s.productId(),
                s.domainId(),
                s.sequence(),
                s.consumers(),
                s.readsLast30Days(),
                s.lastReadAt(),
                new UsageStateV1.Attention(pageViews, viewers, 0, lastViewedAt),
                s.unused(),
                s.unusedAfterDays(),
                s.unusedSince(),
                s.shadowConsumers(),
                s.shadowConsumersTotal(),
                s.change(),
                s.asOf());
    }

    /** An observed job with neither a grant nor a declaration, writing {@code productId} when that is not null. */
    public static UsageStateV1.Consumer shadow(String job, String productId, String domainId, long runs) {
        Instant lastRead = Instant.now().minus(Duration.ofHours(2));
        return new UsageStateV1.Consumer(
                List.of("OBSERVED"),
                productId,
                domainId,
                job,
                null,
                runs,
                lastRead.minus(Duration.ofDays(9)),
                lastRead);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
