package dev.tessera.lineage.support;

import static dev.tessera.lineage.support.OpenLineageEvents.unique;
import static org.awaitility.Awaitility.await;

import dev.tessera.events.EventType;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.events.product.ProductStateV1;
import dev.tessera.events.usage.AttentionV1;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Products whose ports tables serve, the run events of jobs reading and writing those tables, and
 * the usage API, for the usage tests. Every name is unique to the calling test.
 */
public final class UsageFixtures {

    public static final String NAMESPACE = "postgres://db.example.com:5432";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private UsageFixtures() {}

    /**
     * A product known to lineage: its id, domain, the contract its port {@code out} carries and the
     * table serving that port (its dataset's node name is {@link #dataset()}).
     */
    public record Product(String id, String domain, String contract, String table) {
        public String dataset() {
            return NAMESPACE + "/" + table;
        }
    }

    /**
     * Publishes a product of {@code domain} whose port {@code out} a fresh table serves, with input
     * ports on {@code inputContracts}, published at {@code publishedAt} (null: a draft), and waits
     * until lineage maps the port to its table.
     */
    public static Product product(String domain, Instant publishedAt, List<String> inputContracts) {
        String id = unique("usage");
        String table = "shop.public." + id.replace('-', '_');
        String contract = id + "-contract";
        var descriptor = Products.descriptor(
                id,
                domain,
                List.<String[]>of(new String[] {"out", contract, table.substring("shop.public.".length())}),
                inputContracts);
        Products.publish(state(id, domain, 1, descriptor, publishedAt));
        Product product = new Product(id, domain, contract, table);
        await().atMost(WAIT).until(() -> {
            var answer = Api.graph("PORT:" + id + "/out", "downstream", 1);
            return answer.statusCode() == 200
                    && answer.jsonPath().getList("items.key").contains("DATASET:" + product.dataset());
        });
        return product;
    }

    /** A product state with one version, PUBLISHED at {@code publishedAt} or a DRAFT when that is null. */
    public static ProductStateV1 state(
            String id,
            String domain,
            long sequence,
            com.fasterxml.jackson.databind.JsonNode descriptor,
            Instant publishedAt) {
        boolean published = publishedAt != null;
        return new ProductStateV1(
                id,
                sequence,
                domain,
                id + " product",
                published
                        ? new ProductStateV1.Change(
                                "STATUS_CHANGED", "1.0.0", "PENDING_APPROVAL", "PUBLISHED", "gov", null)
                        : new ProductStateV1.Change("CREATED", "1.0.0", null, null, "ann", null),
                List.of(new ProductStateV1.VersionSummary(
                        "1.0.0", published ? "PUBLISHED" : "DRAFT", null, null, Instant.now())),
                "1.0.0",
                published ? "1.0.0" : null,
                descriptor,
                published ? descriptor : null,
                null,
                published ? publishedAt : Instant.now());
    }

    /** A run event of {@code job} at {@code at} reading and writing these tables (dataset names in {@link #NAMESPACE}). */
    public static String run(
            String eventType, String runId, String job, Instant at, List<String> inputs, List<String> outputs) {
        return """
                {"eventType": "%s", "eventTime": "%s",
                 "run": {"runId": "%s"},
                 "job": {"namespace": "usage-tests", "name": "%s"},
                 "inputs": %s, "outputs": %s,
                 "producer": "%s",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
                """.formatted(
                        eventType, at, runId, job, datasets(inputs), datasets(outputs), OpenLineageEvents.PRODUCER);
    }

    /** The job's node name as usage reports it. */
    public static String jobName(String job) {
        return "usage-tests/" + job;
    }

    private static String datasets(List<String> tables) {
        StringBuilder json = new StringBuilder("[");
        for (String table : tables) {
            json.append(json.length() > 1 ? ", " : "")
                    .append("{\"namespace\": \"")
                    .append(NAMESPACE)
                    .append("\", \"name\": \"")
                    .append(table)
                    .append("\"}");
        }
        return json.append(']').toString();
    }

    /** Sends an access request's state on tessera.access (the consumer's subject is {@code bob}). */
    public static void access(String requestId, long sequence, Product product, String consumerProduct, String status) {
        AccessRequestStateV1 state = Products.grant(requestId, sequence, product.id(), "out", consumerProduct, status);
        EventType type =
                switch (status) {
                    case "ACTIVE" -> EventType.ACCESS_ACTIVATED;
                    case "REVOKED" -> EventType.ACCESS_REVOKED;
                    default -> EventType.ACCESS_REQUESTED;
                };
        PlatformEvents.send(type, requestId, sequence, state);
    }

    /** Sends the catalog's attention record for a product on tessera.attention. */
    public static void attention(String productId, long sequence, long pageViews, Instant lastViewedAt) {
        PlatformEvents.send(
                EventType.ATTENTION_REFRESHED,
                productId,
                sequence,
                new AttentionV1(productId, null, sequence, pageViews, 1, 0, lastViewedAt, Instant.now()));
    }

    /** GET the product's usage over {@code days} (null: the default) with a token. */
    public static Response usage(String token, String productId, String days) {
        var request = Api.as(token);
        if (days != null) {
            request = request.queryParam("days", days);
        }
        return request.get(Api.BASE + "/products/" + productId + "/usage");
    }
}
