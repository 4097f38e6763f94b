package dev.tessera.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * The registry steps the end-to-end tests share: a fresh domain, products as code, publish requests.
 * Every call goes through the gateway, as a user's would, with tokens from the stack's Keycloak.
 */
final class RegistrySteps {

    static final String PURPOSE = "Every order placed in the web shop, one row per order, for revenue reporting.";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack;
    private final Identities identities = SharedStack.identities();

    RegistrySteps(LocalStack stack) {
        this.stack = stack;
    }

    /** Creates a domain with a fresh id starting with {@code prefix}, as a platform admin. */
    String newDomain(String prefix) {
        String domain = prefix + UUID.randomUUID().toString().substring(0, 8);
        http.postJson(
                        api("/api/registry/v1/domains"),
                        identities.platformAdmin(),
                        Map.of("id", domain, "name", "Domain " + domain, "ownerGroup", "/domains/" + domain))
                .expect(201);
        return domain;
    }

    /** Applies a product descriptor (YAML) as {@code owner}. */
    void apply(String owner, String id, String yaml) {
        http.put(api("/api/registry/v1/products/" + id), owner, "application/yaml", yaml)
                .expect(200, 201);
    }

    void requestPublish(String owner, String id, String version) {
        http.postJson(
                        api("/api/registry/v1/products/" + id + "/versions/" + version + "/transitions"),
                        owner,
                        Map.of("to", "PENDING_APPROVAL"))
                .expect(200);
    }

    /** Waits for governance's decision on a version: its status moves off PENDING_APPROVAL. */
    JsonNode awaitDecision(String id, String version) {
        return Awaitility.await("decision on " + id + " " + version)
                .atMost(Duration.ofSeconds(90))
                .until(
                        () -> {
                            for (JsonNode v : http.get(
                                            api("/api/registry/v1/products/" + id), identities.platformAdmin())
                                    .expect(200)
                                    .at("/versions")) {
                                if (version.equals(v.path("version").asText())) {
                                    return v;
                                }
                            }
                            return null;
                        },
                        v -> v != null
                                && !"PENDING_APPROVAL".equals(v.path("status").asText()));
    }

    /** A platform API path ({@code /api/registry/...}, {@code /api/v1/lineage}, ...), through the gateway. */
    URI api(String path) {
        return stack.service(PlatformService.GATEWAY).uri(path);
    }
}
