package dev.tessera.catalog.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.catalog.support.Api;
import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.testkit.HostileInputTable;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile bodies to every write endpoint of the catalog, and hostile values of its closed-set search filters. */
@QuarkusTest
@CatalogTestResources
class HostileInputTest extends HostileInputTable {

    private static final String BASE = "/api/catalog/v1";

    @Override
    protected List<WriteEndpoint> writeEndpoints() {
        return List.of(
                WriteEndpoint.json("POST", BASE + "/subscriptions", """
                        {"targetUrl": "https://hooks.example.com/tessera", "secret": "a-secret-of-sixteen-chars",
                         "description": "Orders changes",
                         "filter": {"productIds": ["orders"], "domains": ["retail"],
                                    "eventTypes": ["dev.tessera.product.published.v1"]}}
                        """),
                new WriteEndpoint("DELETE", BASE + "/subscriptions/not-a-uuid", null, false),
                new WriteEndpoint(
                        "POST",
                        BASE
                                + "/subscriptions/00000000-0000-0000-0000-000000000000/deliveries/99999999999999999999/redeliver",
                        null,
                        false),
                new WriteEndpoint("POST", BASE + "/index/reconciliation", null, false));
    }

    /**
     * A parameter with a fixed set of values (the quality and used filters, a page's via) refuses anything
     * else as the caller's mistake, whatever it holds.
     */
    /** The HTTP server's longest request line (Vert.x's default): longer addresses are refused unread. */
    private static final int MAX_REQUEST_LINE = 4096;

    @Test
    void hostileValuesOfClosedSetParametersAreProblemsNamingTheParameter() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String[] parameter : List.of(
                new String[] {"quality", BASE + "/search"},
                new String[] {"used", BASE + "/search"},
                new String[] {"via", BASE + "/products/any-product"})) {
            for (String hostile : hostileStrings()) {
                io.restassured.response.Response answer;
                try {
                    answer = Api.consumer().queryParam(parameter[0], hostile).get(parameter[1]);
                } catch (Exception e) {
                    // The server may refuse an address longer than its request line allows and close the
                    // connection while the client is still sending it; the client then fails to write. That is
                    // the refusal, seen from the client's side, and only allowed for such an address.
                    if (e instanceof java.net.SocketException && hostile.length() > MAX_REQUEST_LINE) {
                        continue;
                    }
                    throw e;
                }
                int status = answer.statusCode();
                boolean named = status == 400
                        && parameter[0].equals(answer.jsonPath().getString("errors[0].path"))
                        && answer.contentType().startsWith("application/problem+json");
                // An address too long for the server is refused before the parameter is read: a 414 is fine too.
                if (!(named || status == 414 || status == 431)) {
                    failures.add(parameter[0] + "=" + hostile.substring(0, Math.min(40, hostile.length())) + " -> "
                            + status);
                }
            }
        }
        assertThat(failures).isEmpty();
        Api.consumer()
                .queryParam("quality", "failing")
                .queryParam("used", "30d")
                .get(BASE + "/search")
                .then()
                .statusCode(200);
    }
}
