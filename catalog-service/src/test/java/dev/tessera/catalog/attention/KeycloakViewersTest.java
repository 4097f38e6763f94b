package dev.tessera.catalog.attention;

import static dev.tessera.catalog.support.Api.WAIT;
import static dev.tessera.catalog.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.Events;
import dev.tessera.catalog.support.KeycloakAdmin;
import dev.tessera.catalog.support.KeycloakCatalogResource;
import dev.tessera.testkit.KafkaTestResource;
import dev.tessera.testkit.KeycloakServer;
import dev.tessera.testkit.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With tokens from a real Keycloak: a pipeline's client-credentials token opens a product page without
 * counting as a view of it, a person's token counts.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
@WithTestResource(KeycloakCatalogResource.class)
class KeycloakViewersTest {

    /** The CI pipeline's client in the realm export, and its demo secret. */
    private static final String PIPELINE_CLIENT = "tessera-ci";

    private static final String PIPELINE_SECRET = "tessera-ci-demo-secret-change-me";

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void ready() {
        Api.awaitReady();
    }

    @Test
    void aPipelinesClientCredentialsTokenIsNoViewerAndAPersonsTokenIs() throws Exception {
        KeycloakAdmin keycloak = new KeycloakAdmin(KeycloakServer.shared());
        String password = "a-test-password-" + unique("pw");
        String person = unique("reader");
        keycloak.createUser(person, password, "data-consumer", List.of());
        String personToken = keycloak.accessToken(person, password);
        String pipelineToken = keycloak.clientToken(PIPELINE_CLIENT, PIPELINE_SECRET);

        String domain = unique("viewed");
        String id = unique("orders");
        Events.product(Events.published(
                id,
                domain,
                1,
                Events.descriptor(id, "Viewed Orders", domain, "Looked at", List.of(), "vera", "tables", false)));
        await().atMost(WAIT)
                .until(() -> Api.as(pipelineToken)
                                .queryParam("domain", domain)
                                .get(Api.BASE + "/search")
                                .then()
                                .extract()
                                .<Integer>path("total")
                        == 1);

        // The pipeline's view is taken before the person's: once the person's is recorded, it would be too.
        Api.as(pipelineToken).get(Api.BASE + "/products/" + id).then().statusCode(200);
        Api.as(personToken)
                .queryParam("via", "search")
                .get(Api.BASE + "/products/" + id)
                .then()
                .statusCode(200);

        await().atMost(WAIT).until(() -> !views(id).isEmpty());
        assertThat(views(id)).as("whether each recorded view came from search").containsExactly(true);
    }

    /** The product's recorded views: whether each came from search. */
    private List<Boolean> views(String id) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT via_search FROM page_view WHERE product_id = ?")) {
            st.setString(1, id);
            List<Boolean> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBoolean(1));
                }
            }
            return out;
        }
    }
}
