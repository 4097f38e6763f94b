package dev.tessera.registry.security;

import static dev.tessera.registry.support.Api.BASE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tessera.registry.support.Api;
import dev.tessera.registry.support.Descriptors;
import dev.tessera.registry.support.RegistryTestResources;
import dev.tessera.testkit.HostileInputTable;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Hostile bodies to every write endpoint of the registry, called directly. */
@QuarkusTest
@RegistryTestResources
class HostileInputTest extends HostileInputTable {

    private static List<WriteEndpoint> endpoints;

    @Override
    protected synchronized List<WriteEndpoint> writeEndpoints() {
        if (endpoints == null) {
            String domain = Api.newDomain("hostile");
            String id = Api.newProductId("hostile");
            String yaml = Descriptors.orders(id, domain, "1.0.0");
            Api.applyYaml(dev.tessera.testkit.TestTokens.platformAdmin(), id, yaml)
                    .then()
                    .statusCode(201);
            JsonNode descriptor = toJson(yaml);
            String contract = descriptor.at("/outputPorts/0/contract").toString();
            String base = BASE + "/products/" + id;
            endpoints = List.of(
                    WriteEndpoint.jsonOrYaml("PUT", base, descriptor.toString()),
                    WriteEndpoint.jsonOrYaml("POST", BASE + "/import/odps", descriptor.toString()),
                    WriteEndpoint.jsonOrYaml("PUT", base + "/versions/1.0.0/ports/orders-table/contract", contract),
                    WriteEndpoint.json("POST", base + "/versions/1.0.0/transitions", "{\"to\":\"DEPRECATED\"}"),
                    WriteEndpoint.json(
                            "POST",
                            BASE + "/domains",
                            "{\"id\":\"hostile-d\",\"name\":\"Hostile\",\"ownerGroup\":\"/domains/hostile-d\"}"),
                    WriteEndpoint.json(
                            "PUT",
                            BASE + "/domains/" + domain,
                            "{\"name\":\"Hostile\",\"ownerGroup\":\"/domains/" + domain + "\"}"));
        }
        return endpoints;
    }

    private static JsonNode toJson(String yaml) {
        try {
            return new ObjectMapper().valueToTree(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
