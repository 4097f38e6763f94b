package dev.tessera.catalog.security;

import dev.tessera.catalog.support.CatalogTestResources;
import dev.tessera.testkit.HostileInputTable;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** Hostile bodies to every write endpoint of the catalog, called directly. */
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
}
