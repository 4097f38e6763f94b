package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both refusals of a breaking change say whom it would break, through the gateway with real tokens:
 * the registry's 422 names the consuming product with its domain, owners and link, and governance's
 * rejection of a major version nobody was told about names the same consumer in plain words.
 */
@ExtendWith(SharedStack.class)
class ConsumersInRefusalsE2ETest {

    private static final String EMAIL_PROPERTY = "            - name: customer_email\n"
            + "              logicalType: string\n"
            + "              tags: [pii]\n"
            + "              classification: restricted\n";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void bothRefusalsOfABreakingChangeNameTheConsumerItWouldBreak() {
        String shop = steps.newDomain("c");
        String finance = steps.newDomain("c");
        String owner = identities.domainOwner(shop);
        String orders = shop + "-orders";
        String revenue = finance + "-revenue";
        publish(
                owner,
                Descriptors.product(orders, shop, "Orders", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null),
                orders);
        publish(
                identities.domainOwner(finance),
                Descriptors.product(
                        revenue,
                        finance,
                        "Revenue",
                        "1.0.0",
                        RegistrySteps.PURPOSE,
                        true,
                        List.of(orders + "-contract"),
                        null),
                revenue);
        awaitConsumerKnownToLineage(orders, revenue);
        String consumerInWords =
                revenue + " (domain " + finance + ", owners " + finance + "-lead, through a declared" + " input port";

        String dropsEmail = Descriptors.product(
                        orders, shop, "Orders", "1.1.0", RegistrySteps.PURPOSE, true, List.of(), null)
                .replace(EMAIL_PROPERTY, "");
        PlatformClient.Reply refused =
                http.put(steps.api("/api/registry/v1/products/" + orders), owner, "application/yaml", dropsEmail);

        assertThat(refused.status()).isEqualTo(422);
        JsonNode hit = refused.body().path("breaking").get(0);
        assertThat(hit.path("rule").asText()).isEqualTo("property-removed");
        JsonNode consumer = hit.path("consumers").get(0);
        assertThat(consumer.path("productId").asText()).isEqualTo(revenue);
        assertThat(consumer.path("domainId").asText()).isEqualTo(finance);
        assertThat(texts(consumer.path("owners"))).containsExactly(finance + "-lead");
        assertThat(consumer.path("link").asText()).isEqualTo("INPUT_PORT");
        assertThat(refused.body().path("detail").asText()).contains(consumerInWords);

        String major = dropsEmail.replace("1.1.0", "2.0.0");
        http.put(steps.api("/api/registry/v1/products/" + orders), owner, "application/yaml", major)
                .expect(200, 201);
        steps.requestPublish(owner, orders, "2.0.0");
        JsonNode rejected = steps.awaitDecision(orders, "2.0.0");

        assertThat(rejected.path("status").asText()).isEqualTo("DRAFT");
        String reason = reasonOf(rejected, "breaking-change-announced");
        assertThat(reason)
                .contains("Property customer_email was removed")
                .contains(consumerInWords)
                .contains("every previously published port version beside the new one with a sunsetDate")
                .doesNotContain("the expression is false");
    }

    private static String reasonOf(JsonNode version, String policyId) {
        for (JsonNode reason : version.path("statusReasons")) {
            if (reason.asText().startsWith(policyId)) {
                return reason.asText();
            }
        }
        throw new AssertionError("no reason from " + policyId + " in " + version.path("statusReasons"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private void publish(String owner, String yaml, String id) {
        steps.apply(owner, id, yaml);
        steps.requestPublish(owner, id, "1.0.0");
        assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");
    }

    /** Waits until lineage derived the consumer from its input port; governance reads the same edges. */
    private void awaitConsumerKnownToLineage(String product, String consumer) {
        Awaitility.await(consumer + " known as a consumer of " + product)
                .atMost(Duration.ofSeconds(60))
                .until(() -> http.get(
                                steps.api("/api/v1/lineage/impact?node="
                                        + URLEncoder.encode("PRODUCT:" + product, StandardCharsets.UTF_8)),
                                identities.platformAdmin())
                        .raw()
                        .contains(consumer));
        // Governance learns the consumer from tessera.lineage on its own time; its policies see it once
        // the evaluation it makes on learning it names the consumer.
        Awaitility.await(consumer + " known to governance as a consumer of " + product)
                .atMost(Duration.ofSeconds(60))
                .until(() -> http.get(
                                steps.api("/api/governance/v1/products/" + product + "/evaluation"),
                                identities.platformAdmin())
                        .raw()
                        .contains(consumer));
    }
}
