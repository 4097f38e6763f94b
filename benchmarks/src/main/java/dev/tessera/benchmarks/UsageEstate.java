package dev.tessera.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.EmbeddedKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The products and grants of the usage benchmark, sent as the registry and governance send them:
 * published products whose one port {@code out} a Postgres table serves (named as OpenLineage names
 * it, {@value #NAMESPACE}{@code /shop.public.<table>}), some with input ports on other products'
 * contracts, and access requests.
 */
final class UsageEstate {

    static final String NAMESPACE = "postgres://db:5432";
    static final String DOMAIN = "ubench";
    static final String CONSUMER_DOMAIN = "ubench-consumers";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, String> producer;

    private UsageEstate(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    /** Sends to {@code kafka}, creating every topic of the contract first. */
    static UsageEstate on(EmbeddedKafka kafka) {
        Map<String, Boolean> topics = new HashMap<>();
        Topics.ALL.forEach(topic -> topics.put(topic, Topics.COMPACTED.contains(topic)));
        kafka.createTopics(topics, 3);
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new UsageEstate(new KafkaProducer<>(props, new StringSerializer(), new StringSerializer()));
    }

    static String contract(String productId) {
        return productId + "-contract";
    }

    /** A published product whose port {@code out} {@code table} serves, with input ports on these contracts. */
    void product(String id, String domain, String table, List<String> inputContracts) {
        ObjectNode contract = JSON.createObjectNode();
        contract.put("apiVersion", "v3.1.0").put("kind", "DataContract").put("id", contract(id));
        contract.put("version", "1.0.0").put("status", "active");
        contract.putArray("servers")
                .addObject()
                .put("server", "warehouse")
                .put("type", "postgres")
                .put("host", "db")
                .put("port", 5432)
                .put("database", "shop")
                .put("schema", "public");
        contract.putArray("schema").addObject().put("name", table).put("physicalName", table);
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("apiVersion", "v1.0.0").put("kind", "DataProduct").put("id", id);
        descriptor
                .put("name", id)
                .put("version", "1.0.0")
                .put("status", "active")
                .put("domain", domain);
        descriptor.putObject("team").putArray("members").addObject().put("username", "ann");
        descriptor
                .putArray("outputPorts")
                .addObject()
                .put("name", "out")
                .put("version", "1.0.0")
                .set("contract", contract);
        ArrayNode inputs = descriptor.putArray("inputPorts");
        for (int i = 0; i < inputContracts.size(); i++) {
            inputs.addObject().put("name", "in-" + i).put("version", "1.0.0").put("contractId", inputContracts.get(i));
        }
        Instant now = Instant.now();
        ProductStateV1 state = new ProductStateV1(
                id,
                1,
                domain,
                id,
                new ProductStateV1.Change(
                        ProductStateV1.ChangeKinds.STATUS_CHANGED,
                        "1.0.0",
                        "PENDING_APPROVAL",
                        "PUBLISHED",
                        "bench",
                        List.of()),
                List.of(new ProductStateV1.VersionSummary("1.0.0", "PUBLISHED", null, null, now)),
                "1.0.0",
                "1.0.0",
                descriptor,
                descriptor,
                List.of(),
                now);
        send(EventType.PRODUCT_STATUS_CHANGED, id, 1, state);
    }

    /** An access request on {@code productId}'s port {@code out} for {@code consumer}, in {@code status}. */
    void access(String requestId, long sequence, String productId, String consumer, String status) {
        Instant now = Instant.now();
        AccessRequestStateV1 state = new AccessRequestStateV1(
                requestId,
                sequence,
                productId,
                "out",
                null,
                DOMAIN,
                new AccessRequestStateV1.Consumer("svc-" + consumer, consumer, CONSUMER_DOMAIN),
                "reporting",
                null,
                status,
                List.of(new AccessRequestStateV1.Step(status, "bench", now, null)),
                now);
        send(
                status.equals("ACTIVE") ? EventType.ACCESS_ACTIVATED : EventType.ACCESS_REVOKED,
                requestId,
                sequence,
                state);
    }

    private void send(EventType type, String key, long sequence, Object payload) {
        producer.send(CloudEventRecords.event(type, key, JSON.valueToTree(payload))
                .source("/tessera/bench")
                .sequence(sequence)
                .record());
    }

    /** Sends what is waiting and stops sending. */
    void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(10));
    }

    /** Waits until a lineage database holds at least {@code count} rows of {@code sql}'s count. */
    static void awaitCount(Connection db, String what, String sql, long count) {
        org.awaitility.Awaitility.await(what)
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> count(db, sql) >= count);
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
