package dev.tessera.registry.product;

import static dev.tessera.registry.support.Api.applyYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A breaking change without a major version is refused naming, per finding, whom it would break: the
 * products whose input ports name the changed port's contract and the holders of ACTIVE access grants
 * to the port, which the test announces on {@code tessera.access} as governance does.
 */
@QuarkusTest
@RegistryTestResources
class BreakingChangeConsumersTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, String> governance = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafka().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());

    @AfterEach
    void close() {
        governance.close();
    }

    @Test
    void theRefusalNamesDeclaredConsumersAndGrantHoldersWithTheirDomainsAndOwners() throws Exception {
        String domain = Api.newDomain("sales");
        String owner = TestTokens.domainOwner(domain);
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");

        String financeDomain = Api.newDomain("finance");
        String revenue = Api.newProductId("revenue");
        applyYaml(TestTokens.domainOwner(financeDomain), revenue, consumerOf(revenue, financeDomain, id, "fay"))
                .then()
                .statusCode(201);
        String marketingDomain = Api.newDomain("marketing");
        String churn = Api.newProductId("churn");
        applyYaml(
                        TestTokens.domainOwner(marketingDomain),
                        churn,
                        Descriptors.orders(churn, marketingDomain, "1.0.0").replace("username: ann", "username: gus"))
                .then()
                .statusCode(201);
        announce(grant(UUID.randomUUID().toString(), 1, id, churn, marketingDomain, "ACTIVE"));
        String revokedRequest = UUID.randomUUID().toString();
        announce(grant(revokedRequest, 1, id, "someone-else", domain, "ACTIVE"));
        announce(grant(revokedRequest, 2, id, "someone-else", domain, "REVOKED"));

        JsonNode problem = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> refusal(owner, id, Descriptors.orders(id, domain, "1.1.0", "decimal(10,2)", true)),
                        body -> body.path("breaking").path(0).path("consumers").size() == 2);

        JsonNode hit = problem.path("breaking").get(0);
        assertThat(hit.path("rule").asText()).isEqualTo("optional-to-required");
        assertThat(hit.path("port").asText()).isEqualTo("orders-table");
        JsonNode declared = consumer(hit, "INPUT_PORT");
        assertThat(declared.path("productId").asText()).isEqualTo(revenue);
        assertThat(declared.path("domainId").asText()).isEqualTo(financeDomain);
        assertThat(texts(declared.path("owners"))).containsExactly("fay");
        JsonNode granted = consumer(hit, "ACCESS_GRANT");
        assertThat(granted.path("productId").asText()).isEqualTo(churn);
        assertThat(granted.path("domainId").asText()).isEqualTo(marketingDomain);
        assertThat(texts(granted.path("owners"))).containsExactly("gus");
        assertThat(problem.path("detail").asText())
                .contains("It would break 2 consumer(s)")
                .contains(revenue + " (domain " + financeDomain + ", owners fay, through a declared input port")
                .contains(churn + " (domain " + marketingDomain + ", owners gus, through an access grant")
                .doesNotContain("someone-else");
        assertThat(problem.path("errors").path(0).path("message").asText()).contains("Hits " + revenue);
    }

    @Test
    void aStaleOrRepeatedGrantStateChangesNothing() throws Exception {
        String domain = Api.newDomain("sales");
        String owner = TestTokens.domainOwner(domain);
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");
        String request = UUID.randomUUID().toString();
        announce(grant(request, 2, id, "ida", domain, "REVOKED"));
        announce(grant(request, 1, id, "ida", domain, "ACTIVE"));
        String marker = UUID.randomUUID().toString();
        announce(grant(marker, 1, id, "joe", domain, "ACTIVE"));

        // joe's later grant being listed proves the stale state before it was consumed, and ignored.
        JsonNode problem = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> refusal(owner, id, Descriptors.orders(id, domain, "1.1.0", "decimal(10,2)", true)),
                        body -> body.path("breaking").path(0).path("consumers").size() > 0);
        List<String> holders = new ArrayList<>();
        problem.path("breaking").path(0).path("consumers").forEach(c -> holders.addAll(texts(c.path("owners"))));
        assertThat(holders).containsExactly("joe");
    }

    @Test
    void aChangeNobodyConsumesSaysSo() throws Exception {
        String domain = Api.newDomain("sales");
        String owner = TestTokens.domainOwner(domain);
        String id = Api.newProductId("orders");
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Lifecycles.publish(owner, id, "1.0.0");

        JsonNode problem = refusal(owner, id, Descriptors.orders(id, domain, "1.1.0", "decimal(10,2)", true));

        assertThat(problem.path("breaking").path(0).path("consumers").isArray()).isTrue();
        assertThat(problem.path("breaking").path(0).path("consumers")).isEmpty();
        assertThat(problem.path("detail").asText()).contains("No consumer is known to be hit");
        assertThat(problem.path("errors").path(0).path("message").asText()).contains("No known consumer");
    }

    private static JsonNode refusal(String owner, String id, String yaml) throws Exception {
        var response = applyYaml(owner, id, yaml);
        assertThat(response.statusCode()).isEqualTo(422);
        return JSON.readTree(response.asString());
    }

    private static JsonNode consumer(JsonNode hit, String link) {
        for (JsonNode c : hit.path("consumers")) {
            if (link.equals(c.path("link").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + link + " consumer in " + hit);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** A product whose input port names the orders product's contract, owned by {@code ownerName}. */
    private static String consumerOf(String id, String domain, String upstream, String ownerName) {
        return Descriptors.orders(id, domain, "1.0.0")
                .replace("username: ann", "username: " + ownerName)
                .replace(
                        "outputPorts:\n",
                        "inputPorts:\n  - name: orders-in\n    version: 1.0.0\n" + "    contractId: " + upstream
                                + "-orders-contract\noutputPorts:\n");
    }

    /** An access request in its whole state, as governance announces it; a product id is the consumer's. */
    private static AccessRequestStateV1 grant(
            String requestId, long sequence, String productId, String consumer, String consumerDomain, String status) {
        boolean isProduct = consumer.startsWith("churn");
        return new AccessRequestStateV1(
                requestId,
                sequence,
                productId,
                "orders-table",
                "1.0.0",
                null,
                new AccessRequestStateV1.Consumer(
                        isProduct ? "svc-" + consumer : consumer,
                        isProduct ? consumer : null,
                        isProduct ? consumerDomain : null),
                "reporting",
                null,
                status,
                List.of(new AccessRequestStateV1.Step(status, "officer", Instant.now(), null)),
                Instant.now());
    }

    private void announce(AccessRequestStateV1 state) {
        EventType type = "ACTIVE".equals(state.status()) ? EventType.ACCESS_ACTIVATED : EventType.ACCESS_REVOKED;
        CloudEventRecords.sendAndWait(
                governance,
                CloudEventRecords.event(type, state.requestId(), JSON.valueToTree(state))
                        .source("/tessera/governance")
                        .sequence(state.sequence())
                        .record());
    }
}
