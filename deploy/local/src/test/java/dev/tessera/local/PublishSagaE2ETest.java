package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The publish saga across real processes: the registry asks, governance evaluates the product over
 * Kafka and answers, and the registry applies the decision.
 */
@ExtendWith(SharedStack.class)
class PublishSagaE2ETest {

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void aCompliantProductIsPublishedByGovernance() {
        String domain = steps.newDomain("d");
        String owner = identities.domainOwner(domain);
        String id = domain + "-orders";
        steps.apply(
                owner,
                id,
                Descriptors.product(id, domain, "Orders", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));

        steps.requestPublish(owner, id, "1.0.0");

        JsonNode version = steps.awaitDecision(id, "1.0.0");
        assertThat(version.path("status").asText()).isEqualTo("PUBLISHED");
        JsonNode evaluation = http.get(steps.api("/api/governance/v1/products/" + id + "/evaluation"), owner)
                .expect(200)
                .body();
        // The decision rests on an evaluation of this version in which the owner policy passed.
        assertThat(evaluation.path("version").asText()).isEqualTo("1.0.0");
        assertThat(evaluation.path("blockingFailures").asInt()).isZero();
        assertThat(outcome(evaluation, "owner-and-support").path("outcome").asText())
                .isEqualTo("PASS");
    }

    @Test
    void aProductWithoutAnOwnerGoesBackToDraftWithTheFailingPolicy() {
        String domain = steps.newDomain("d");
        String owner = identities.domainOwner(domain);
        String id = domain + "-orphans";
        steps.apply(
                owner,
                id,
                Descriptors.product(id, domain, "Orphans", "1.0.0", RegistrySteps.PURPOSE, false, List.of(), null));

        steps.requestPublish(owner, id, "1.0.0");

        JsonNode version = steps.awaitDecision(id, "1.0.0");
        assertThat(version.path("status").asText()).isEqualTo("DRAFT");
        assertThat(version.path("statusReasons").toString()).contains("owner-and-support (FAIL)");
        JsonNode evaluation = http.get(steps.api("/api/governance/v1/products/" + id + "/evaluation"), owner)
                .expect(200)
                .body();
        assertThat(outcome(evaluation, "owner-and-support").path("outcome").asText())
                .isEqualTo("FAIL");
    }

    @Test
    void aDomainPolicyNamesADomainCreatedInTheRegistry() {
        String domain = steps.newDomain("d");
        String owner = identities.domainOwner(domain);
        Awaitility.await("governance learns " + domain)
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get(steps.api("/api/governance/v1/domains/" + domain), owner)
                                .status()
                        == 200);

        http.postJson(
                        steps.api("/api/governance/v1/policies"),
                        owner,
                        Map.of(
                                "id", domain + "-tags",
                                "name", "Tagged",
                                "scope", domain,
                                "severity", "BLOCKING",
                                "expression", "has(product.tags) && 'gold' in product.tags"))
                .expect(201);
        String id = domain + "-untagged";
        steps.apply(
                owner,
                id,
                Descriptors.product(id, domain, "Untagged", "1.0.0", RegistrySteps.PURPOSE, true, List.of(), null));
        steps.requestPublish(owner, id, "1.0.0");

        JsonNode version = steps.awaitDecision(id, "1.0.0");
        assertThat(version.path("status").asText()).isEqualTo("DRAFT");
        assertThat(version.path("statusReasons").toString()).contains(domain + "-tags (FAIL)");
    }

    /** One policy's result in an evaluation; fails when the evaluation has none for it. */
    private static JsonNode outcome(JsonNode evaluation, String policyId) {
        for (JsonNode outcome : evaluation.path("outcomes")) {
            if (policyId.equals(outcome.path("policyId").asText())) {
                return outcome;
            }
        }
        throw new AssertionError("no outcome of " + policyId + " in " + evaluation);
    }
}
