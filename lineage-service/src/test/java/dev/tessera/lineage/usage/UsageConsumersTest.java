package dev.tessera.lineage.usage;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static dev.tessera.lineage.support.UsageFixtures.jobName;
import static dev.tessera.lineage.support.UsageFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.events.EventSchemas;
import dev.tessera.events.EventType;
import dev.tessera.events.Topics;
import dev.tessera.lineage.support.Api;
import dev.tessera.lineage.support.LineageTestResources;
import dev.tessera.lineage.support.UsageFixtures;
import dev.tessera.lineage.support.UsageFixtures.Product;
import dev.tessera.testkit.CloudEventRecord;
import dev.tessera.testkit.SharedInfrastructure;
import dev.tessera.testkit.TestTokens;
import dev.tessera.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consumers from the three sources kept apart (declared input ports, grants, observed jobs), shadow
 * consumers, and the tessera.usage records that announce them, read off Kafka as governance and the
 * catalog read them and checked against the contract's schema.
 */
@QuarkusTest
@LineageTestResources
class UsageConsumersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    TopicReader usage;

    @BeforeEach
    void readUsage() {
        usage = new TopicReader(SharedInfrastructure.kafka(), Topics.USAGE);
    }

    @AfterEach
    void close() {
        usage.close();
    }

    @Test
    void declaredGrantedAndObservedConsumersAreKeptApartAndAnnouncedOnce() {
        Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
        // Declared: an input port on the contract of orders' port.
        Product revenue = UsageFixtures.product(unique("finance"), Instant.now(), List.of(orders.contract()));
        CloudEventRecord declared = awaitRecord(orders, EventType.USAGE_CONSUMER_ADDED, consumer(revenue));
        assertThat(texts(declared.data().path("change").path("consumer").path("kinds")))
                .containsExactly("DECLARED");
        assertThat(declared.data().path("consumers").path("declared").asInt()).isEqualTo(1);

        // Granted: an ACTIVE access grant for another product.
        Product churn = UsageFixtures.product(unique("ml"), Instant.now(), List.of());
        UsageFixtures.access(unique("request"), 1, orders, churn.id(), "ACTIVE");
        CloudEventRecord granted = awaitRecord(orders, EventType.USAGE_CONSUMER_ADDED, consumer(churn));
        assertThat(texts(granted.data().path("change").path("consumer").path("kinds")))
                .containsExactly("GRANTED");

        // Observed: revenue's job reads orders; revenue gains a kind, so it is announced again.
        String job = unique("revenue-load");
        Api.post(run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        job,
                        Instant.now().minusSeconds(60),
                        List.of(orders.table()),
                        List.of(revenue.table())))
                .then()
                .statusCode(201);
        CloudEventRecord observed = await().atMost(WAIT)
                .until(
                        () -> records(orders, EventType.USAGE_CONSUMER_ADDED, consumer(revenue)),
                        records -> records.size() == 2)
                .get(1);
        JsonNode change = observed.data().path("change").path("consumer");
        assertThat(texts(change.path("kinds"))).containsExactly("DECLARED", "OBSERVED");
        assertThat(change.path("job").asText()).isEqualTo(jobName(job));
        assertThat(change.path("runs").asLong()).isEqualTo(1);
        assertThat(observed.data().path("readsLast30Days").asLong()).isEqualTo(1);
        assertThat(observed.data().path("consumers").path("total").asInt()).isEqualTo(2);
        assertThat(observed.data().path("shadowConsumersTotal").asInt()).isZero();

        JsonPath answer = usage(orders);
        assertThat(answer.getList("consumers.productId")).containsExactly(revenue.id(), churn.id());
        assertThat(answer.getList("consumers[0].kinds")).containsExactly("DECLARED", "OBSERVED");
        assertThat(answer.getList("consumers[1].kinds")).containsExactly("GRANTED");
        assertThat(answer.getList("consumers[1].grants.status")).containsExactly("ACTIVE");
        assertThat(answer.getList("shadowConsumers")).isEmpty();
        assertThat(answer.getMap("totals.consumers"))
                .isEqualTo(Map.of("declared", 1, "granted", 1, "observed", 1, "shadow", 0, "total", 2));

        // A second run of the same job adds reads, not a consumer: no new consumer record. The sweep
        // (every second here) may send the day's refresh of the counts, since the reads moved; it
        // comes after the three announcements and is the only other record there may be.
        Api.post(run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        job,
                        Instant.now(),
                        List.of(orders.table()),
                        List.of(revenue.table())))
                .then()
                .statusCode(201);
        assertThat(usage(orders).getLong("totals.reads")).isEqualTo(2);
        List<CloudEventRecord> all = recordsOf(orders);
        List<CloudEventRecord> announced = all.stream()
                .filter(r -> !r.type().equals(EventType.USAGE_REFRESHED.type()))
                .toList();
        assertThat(announced).extracting(CloudEventRecord::type).containsOnly(EventType.USAGE_CONSUMER_ADDED.type());
        assertThat(announced).extracting(CloudEventRecord::sequence).containsExactly(1L, 2L, 3L);
        assertThat(all).extracting(CloudEventRecord::sequence).startsWith(1L, 2L, 3L);
        all.forEach(UsageConsumersTest::assertContract);
    }

    @Test
    void aJobReadingWithoutAGrantOrADeclarationIsAShadowConsumer() {
        Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
        Product scraper = UsageFixtures.product(unique("growth"), Instant.now(), List.of());
        String job = unique("scrape");

        Api.post(run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        job,
                        Instant.now().minusSeconds(30),
                        List.of(orders.table()),
                        List.of(scraper.table())))
                .then()
                .statusCode(201);

        CloudEventRecord added = awaitRecord(orders, EventType.USAGE_CONSUMER_ADDED, consumer(scraper));
        CloudEventRecord found = awaitRecord(orders, EventType.USAGE_SHADOW_CONSUMER_FOUND, consumer(scraper));
        assertThat(found.sequence()).isEqualTo(added.sequence() + 1);
        JsonNode data = found.data();
        assertThat(data.path("change").path("kind").asText()).isEqualTo("SHADOW_CONSUMER_FOUND");
        assertThat(data.path("consumers").path("shadow").asInt()).isEqualTo(1);
        assertThat(data.path("shadowConsumersTotal").asInt()).isEqualTo(1);
        assertThat(data.path("shadowConsumers").get(0).path("productId").asText())
                .isEqualTo(scraper.id());
        assertThat(data.path("shadowConsumers").get(0).path("job").asText()).isEqualTo(jobName(job));
        assertContract(found);

        // A job whose outputs serve no product is its own consumer, and a shadow one too.
        String loose = unique("notebook");
        Api.post(run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        loose,
                        Instant.now(),
                        List.of(orders.table()),
                        List.of("scratch." + loose)))
                .then()
                .statusCode(201);
        CloudEventRecord jobShadow = awaitRecord(orders, EventType.USAGE_SHADOW_CONSUMER_FOUND, e -> jobName(loose)
                .equals(e.data().path("change").path("consumer").path("job").asText()));
        assertThat(jobShadow.data().path("change").path("consumer").has("productId"))
                .isFalse();

        JsonPath answer = usage(orders);
        assertThat(answer.getList("shadowConsumers.jobs.flatten().job"))
                .containsExactlyInAnyOrder(jobName(job), jobName(loose));
        assertThat(answer.getList("consumers.shadow")).containsOnly(true);
        assertThat(answer.getInt("totals.consumers.shadow")).isEqualTo(2);
    }

    @Test
    void aConsumerWhoseGrantEndedIsAShadowConsumerAgainAndTheGrantIsRemembered() {
        Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
        Product churn = UsageFixtures.product(unique("ml"), Instant.now(), List.of());
        String request = unique("request");
        UsageFixtures.access(request, 1, orders, churn.id(), "ACTIVE");
        awaitRecord(orders, EventType.USAGE_CONSUMER_ADDED, consumer(churn));
        String job = unique("churn-train");
        Api.post(run(
                        "COMPLETE",
                        UUID.randomUUID().toString(),
                        job,
                        Instant.now().minusSeconds(30),
                        List.of(orders.table()),
                        List.of(churn.table())))
                .then()
                .statusCode(201);
        await().atMost(WAIT)
                .until(() -> records(orders, EventType.USAGE_CONSUMER_ADDED, consumer(churn))
                                .size()
                        == 2);
        assertThat(records(orders, EventType.USAGE_SHADOW_CONSUMER_FOUND, e -> true))
                .isEmpty();

        UsageFixtures.access(request, 2, orders, churn.id(), "REVOKED");

        CloudEventRecord found = awaitRecord(orders, EventType.USAGE_SHADOW_CONSUMER_FOUND, consumer(churn));
        assertThat(texts(found.data().path("change").path("consumer").path("kinds")))
                .containsExactly("OBSERVED");
        assertThat(found.data().path("consumers").path("granted").asInt()).isZero();
        assertContract(found);
        JsonPath answer = usage(orders);
        assertThat(answer.getList("shadowConsumers.productId")).containsExactly(churn.id());
        assertThat(answer.getList("consumers[0].grants.requestId")).containsExactly(request);
        assertThat(answer.getString("consumers[0].grants[0].status")).isEqualTo("REVOKED");
        assertThat(answer.getString("consumers[0].grants[0].activeFrom")).isNotNull();
        assertThat(answer.getString("consumers[0].grants[0].activeUntil")).isNotNull();
        assertThat(answer.getList("pastGrants.requestId")).containsExactly(request);
    }

    @Test
    void aRequestNeverGrantedIsNoConsumer() {
        Product orders = UsageFixtures.product(unique("sales"), Instant.now(), List.of());
        Product hopeful = UsageFixtures.product(unique("ml"), Instant.now(), List.of());
        String request = unique("request");
        UsageFixtures.access(request, 1, orders, hopeful.id(), "REQUESTED");
        // A later grant to someone else shows the request was applied before it.
        Product churn = UsageFixtures.product(unique("ml"), Instant.now(), List.of());
        UsageFixtures.access(unique("request"), 1, orders, churn.id(), "ACTIVE");
        awaitRecord(orders, EventType.USAGE_CONSUMER_ADDED, consumer(churn));

        JsonPath answer = usage(orders);
        assertThat(answer.getList("consumers.productId")).containsExactly(churn.id());
        assertThat(answer.getList("pastGrants")).isEmpty();
    }

    private CloudEventRecord awaitRecord(Product product, EventType type, Predicate<CloudEventRecord> about) {
        return await().atMost(WAIT)
                .until(() -> records(product, type, about), records -> !records.isEmpty())
                .getFirst();
    }

    private List<CloudEventRecord> records(Product product, EventType type, Predicate<CloudEventRecord> about) {
        return usage.matching(e -> product.id().equals(e.key()) && type.type().equals(e.type()) && about.test(e));
    }

    private List<CloudEventRecord> recordsOf(Product product) {
        return usage.matching(e -> product.id().equals(e.key()));
    }

    /** Records about a change of this consuming product. */
    private static Predicate<CloudEventRecord> consumer(Product consumer) {
        return e -> consumer.id()
                .equals(e.data()
                        .path("change")
                        .path("consumer")
                        .path("productId")
                        .asText());
    }

    private static JsonPath usage(Product product) {
        return UsageFixtures.usage(TestTokens.platformAdmin(), product.id(), null)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void assertContract(CloudEventRecord record) {
        assertThat(record.subject()).isEqualTo(record.key());
        assertThat(record.data().path("productId").asText()).isEqualTo(record.key());
        assertThat(record.data().path("sequence").asLong()).isEqualTo(record.sequence());
        assertThat(EventSchemas.validate(EventType.fromType(record.type()).orElseThrow(), record.data()))
                .isEmpty();
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
