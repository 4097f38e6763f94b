package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.testkit.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    @Test
    void aCompliantProductIsPublishedByGovernance() {
        String domain = newDomain();
        String owner = TestTokens.domainOwner(domain);
        String id = domain + "-orders";
        apply(owner, Descriptors.product(id, domain, "Orders", "1.0.0", purpose(), true, List.of(), null));

        requestPublish(owner, id, "1.0.0");

        JsonNode version = awaitVersionLeaves(id, "1.0.0", "PENDING_APPROVAL");
        assertThat(version.path("status").asText()).isEqualTo("PUBLISHED");
        JsonNode evaluation = http.get(governance("/api/governance/v1/products/" + id + "/evaluation"), owner)
                .expect(200)
                .body();
        assertThat(evaluation.toString()).contains("owner-and-support");
    }

    @Test
    void aProductWithoutAnOwnerGoesBackToDraftWithTheFailingPolicy() {
        String domain = newDomain();
        String owner = TestTokens.domainOwner(domain);
        String id = domain + "-orphans";
        apply(owner, Descriptors.product(id, domain, "Orphans", "1.0.0", purpose(), false, List.of(), null));

        requestPublish(owner, id, "1.0.0");

        JsonNode version = awaitVersionLeaves(id, "1.0.0", "PENDING_APPROVAL");
        assertThat(version.path("status").asText()).isEqualTo("DRAFT");
        assertThat(version.path("statusReasons").toString()).contains("owner-and-support");
    }

    @Test
    void aDomainPolicyNamesADomainCreatedInTheRegistry() {
        String domain = newDomain();
        String owner = TestTokens.domainOwner(domain);
        Awaitility.await("governance learns " + domain)
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get(governance("/api/governance/v1/domains/" + domain), owner)
                                .status()
                        == 200);

        http.postJson(
                        governance("/api/governance/v1/policies"),
                        owner,
                        Map.of(
                                "id", domain + "-tags",
                                "name", "Tagged",
                                "scope", domain,
                                "severity", "BLOCKING",
                                "expression", "has(product.tags) && 'gold' in product.tags"))
                .expect(201);
        String id = domain + "-untagged";
        apply(owner, Descriptors.product(id, domain, "Untagged", "1.0.0", purpose(), true, List.of(), null));
        requestPublish(owner, id, "1.0.0");

        JsonNode version = awaitVersionLeaves(id, "1.0.0", "PENDING_APPROVAL");
        assertThat(version.path("status").asText()).isEqualTo("DRAFT");
        assertThat(version.path("statusReasons").toString()).contains(domain + "-tags");
    }

    private String newDomain() {
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8);
        http.postJson(
                        registry("/api/registry/v1/domains"),
                        TestTokens.platformAdmin(),
                        Map.of("id", domain, "name", "Domain " + domain, "ownerGroup", "/domains/" + domain))
                .expect(201);
        return domain;
    }

    private void apply(String owner, String yaml) {
        String id = yaml.lines()
                .filter(l -> l.startsWith("id: "))
                .findFirst()
                .orElseThrow()
                .substring(4);
        http.put(registry("/api/registry/v1/products/" + id), owner, "application/yaml", yaml)
                .expect(200, 201);
    }

    private void requestPublish(String owner, String id, String version) {
        http.postJson(
                        registry("/api/registry/v1/products/" + id + "/versions/" + version + "/transitions"),
                        owner,
                        Map.of("to", "PENDING_APPROVAL"))
                .expect(200);
    }

    /** Waits for governance's decision: the version's status moves off {@code pending}. */
    private JsonNode awaitVersionLeaves(String id, String version, String pending) {
        return Awaitility.await("decision on " + id + " " + version)
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            for (JsonNode v : http.get(
                                            registry("/api/registry/v1/products/" + id), TestTokens.platformAdmin())
                                    .expect(200)
                                    .at("/versions")) {
                                if (version.equals(v.path("version").asText())) {
                                    return v;
                                }
                            }
                            return null;
                        },
                        v -> v != null && !pending.equals(v.path("status").asText()));
    }

    private static String purpose() {
        return "Every order placed in the web shop, one row per order, for revenue reporting.";
    }

    private URI registry(String path) {
        return stack.service(PlatformService.REGISTRY).uri(path);
    }

    private URI governance(String path) {
        return stack.service(PlatformService.GOVERNANCE).uri(path);
    }
}
