package dev.tessera.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A domain team keeps its product and its contract in separate files, as ODPS and ODCS do, and sends
 * them through the gateway: the first version as a bundle, the next as plain ODPS whose unchanged
 * {@code contractId} keeps the contract, a bundle that drops a column without a major version refused,
 * and a dry run of a bundle that shows where its contract would go and stores nothing.
 */
@ExtendWith(SharedStack.class)
class ContractsByReferenceE2ETest {

    private static final String BUNDLE = "application/x-tessera-bundle+yaml";

    private final PlatformClient http = new PlatformClient();
    private final LocalStack stack = SharedStack.get();
    private final Identities identities = SharedStack.identities();
    private final RegistrySteps steps = new RegistrySteps(stack);

    @Test
    void aTeamSendsItsProductAndContractsAsSeparateDocuments() {
        String domain = steps.newDomain("c");
        String owner = identities.domainOwner(domain);
        String id = domain + "-orders";
        URI product = steps.api("/api/registry/v1/products/" + id);

        PlatformClient.Reply created = http.put(
                        product,
                        owner,
                        BUNDLE,
                        Descriptors.bundle(
                                Descriptors.odpsProduct(id, domain, "Orders", "1.0.0", RegistrySteps.PURPOSE),
                                Descriptors.contract(id, domain, true)))
                .expect(201);
        assertThat(created.at("/contracts/0/source").asText()).isEqualTo("BUNDLE");
        assertThat(created.at("/contracts/0/port").asText()).isEqualTo(id + "-table");
        steps.requestPublish(owner, id, "1.0.0");
        assertThat(steps.awaitDecision(id, "1.0.0").path("status").asText()).isEqualTo("PUBLISHED");

        PlatformClient.Reply plain = http.put(
                        product,
                        owner,
                        "application/yaml",
                        Descriptors.odpsProduct(id, domain, "Orders", "1.1.0", RegistrySteps.PURPOSE))
                .expect(200);
        assertThat(plain.at("/outcome").asText()).isEqualTo("VERSION_CREATED");
        assertThat(plain.at("/contracts/0/source").asText()).isEqualTo("KEPT");
        assertThat(plain.at("/findings").toString()).doesNotContain("contract-removed");
        JsonNode kept = http.get(steps.api("/api/registry/v1/products/" + id + "/versions/1.1.0/descriptor"), owner)
                .expect(200)
                .body();
        assertThat(kept.at("/outputPorts/0/contract/id").asText()).isEqualTo(id + "-contract");
        assertThat(kept.at("/outputPorts/0/contract/schema/0/properties").size())
                .isEqualTo(2);

        String dropsEmail = Descriptors.bundle(
                Descriptors.odpsProduct(id, domain, "Orders", "1.2.0", RegistrySteps.PURPOSE),
                Descriptors.contract(id, domain, false));
        PlatformClient.Reply refused = http.put(product, owner, BUNDLE, dropsEmail);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.at("/type").asText()).endsWith("/breaking-change");
        assertThat(refused.raw()).contains("property-removed").contains("customer_email");

        String major = dropsEmail.replace("version: 1.2.0", "version: 2.0.0");
        PlatformClient.Reply dryRun = http.put(
                        steps.api("/api/registry/v1/products/" + id + "?dryRun=true"), owner, BUNDLE, major)
                .expect(200);
        assertThat(dryRun.at("/dryRun").asBoolean()).isTrue();
        assertThat(dryRun.at("/outcome").asText()).isEqualTo("VERSION_CREATED");
        assertThat(dryRun.at("/version").asText()).isEqualTo("2.0.0");
        assertThat(dryRun.at("/findings").toString()).contains("property-removed");
        assertThat(dryRun.at("/contracts/0/document").asInt()).isEqualTo(1);
        assertThat(dryRun.at("/contracts/0/contractId").asText()).isEqualTo(id + "-contract");

        JsonNode versions = http.get(product, owner).expect(200).at("/versions");
        assertThat(versions.findValuesAsText("version")).containsExactly("1.0.0", "1.1.0");
    }
}
