package dev.tessera.registry.product.messaging;

import static dev.tessera.registry.support.Api.applyYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tessera.events.EventType;
import dev.tessera.events.governance.PublishDecisionV1;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.CloudEventRecords;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's half of the publish saga: the test plays governance by producing its decisions. */
@QuarkusTest
@RegistryTestResources
class PublishDecisionConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The registry's own database, where the consumer records the events it processed. */
    @Inject
    DataSource database;

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
    void anApprovalPublishesThePendingVersion() {
        String id = pendingProduct();

        decide(UUID.randomUUID().toString(), new PublishDecisionV1(id, 1, "1.0.0", 3, true, List.of(), Instant.now()));

        awaitStatus(id, "PUBLISHED");
    }

    @Test
    void aRejectionReturnsTheVersionToDraftWithTheFailingPolicies() {
        String id = pendingProduct();

        decide(
                UUID.randomUUID().toString(),
                new PublishDecisionV1(
                        id,
                        1,
                        "1.0.0",
                        3,
                        false,
                        List.of(new PublishDecisionV1.Failure(
                                "owner-and-support",
                                "Owner",
                                "FAIL",
                                "Nobody owns this product: no member of its team has the role owner.",
                                "Add an owner")),
                        Instant.now()));

        awaitStatus(id, "DRAFT");
        List<String> reasons = product(id).path("versions[0].statusReasons");
        assertThat(reasons)
                .singleElement()
                .asString()
                .contains("owner-and-support")
                .contains("Nobody owns this product")
                .contains("Add an owner");
    }

    @Test
    void aDecisionForAVersionNoLongerPendingIsIgnored() {
        String id = pendingProduct();
        String owner = ownerOf(id);
        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(Map.of("to", "DRAFT"))
                .post(Api.BASE + "/products/" + id + "/versions/1.0.0/transitions")
                .then()
                .statusCode(200);
        String approval = UUID.randomUUID().toString();
        decide(approval, new PublishDecisionV1(id, 1, "1.0.0", 3, true, List.of(), Instant.now()));

        awaitProcessed(approval);
        assertThat(product(id).<String>path("versions[0].status")).isEqualTo("DRAFT");
    }

    @Test
    void aDecisionAboutAnEarlierRequestDoesNotDecideTheCurrentOne() {
        String id = pendingProduct(); // applied at sequence 1, publish requested at 2
        String owner = ownerOf(id);
        for (String to : List.of("DRAFT", "PENDING_APPROVAL")) { // withdrawn at 3, requested again at 4
            Api.as(owner)
                    .contentType(ContentType.JSON)
                    .body(Map.of("to", to))
                    .post(Api.BASE + "/products/" + id + "/versions/1.0.0/transitions")
                    .then()
                    .statusCode(200);
        }

        String stale = UUID.randomUUID().toString();
        decide(stale, new PublishDecisionV1(id, 1, "1.0.0", 2, true, List.of(), Instant.now()));
        awaitProcessed(stale);
        assertThat(product(id).<String>path("versions[0].status")).isEqualTo("PENDING_APPROVAL");

        decide(UUID.randomUUID().toString(), new PublishDecisionV1(id, 2, "1.0.0", 4, true, List.of(), Instant.now()));
        awaitStatus(id, "PUBLISHED");
    }

    @Test
    void theManualApprovalStillWorks() {
        String id = pendingProduct();

        Api.as(TestTokens.governanceOfficer())
                .contentType(ContentType.JSON)
                .body(Map.of("to", "PUBLISHED"))
                .post(Api.BASE + "/products/" + id + "/versions/1.0.0/transitions")
                .then()
                .statusCode(200);

        assertThat(product(id).<String>path("versions[0].status")).isEqualTo("PUBLISHED");
    }

    private final Map<String, String> owners = new java.util.HashMap<>();

    private String pendingProduct() {
        String domain = Api.newDomain("saga");
        String owner = TestTokens.domainOwner(domain);
        String id = Api.newProductId("saga");
        owners.put(id, owner);
        applyYaml(owner, id, Descriptors.orders(id, domain, "1.0.0")).then().statusCode(201);
        Api.as(owner)
                .contentType(ContentType.JSON)
                .body(Map.of("to", "PENDING_APPROVAL"))
                .post(Api.BASE + "/products/" + id + "/versions/1.0.0/transitions")
                .then()
                .statusCode(200);
        return id;
    }

    private String ownerOf(String id) {
        return owners.get(id);
    }

    private void decide(String eventId, PublishDecisionV1 decision) {
        CloudEventRecords.sendAndWait(
                governance,
                CloudEventRecords.event(EventType.PUBLISH_DECIDED, decision.productId(), JSON.valueToTree(decision))
                        .id(eventId)
                        .source("/tessera/governance")
                        .sequence(decision.sequence())
                        .record());
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> product(String id) {
        return Api.admin()
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200)
                .extract();
    }

    /**
     * Waits until the consumer has recorded the event as processed. The record commits in the same
     * transaction as any status change the decision makes, so once it is visible the decision has
     * either taken effect or been ignored, and the product's state says which.
     */
    private void awaitProcessed(String eventId) {
        await("the consumer's record of event " + eventId)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> processed(eventId));
    }

    private boolean processed(String eventId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?")) {
            query.setString(1, PublishDecisionConsumer.CHANNEL);
            query.setString(2, eventId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(product(id).path("versions[0].status")));
    }
}
