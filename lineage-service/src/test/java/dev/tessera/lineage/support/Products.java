package dev.tessera.lineage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.events.EventType;
import dev.tessera.events.access.AccessRequestStateV1;
import dev.tessera.events.domain.DomainStateV1;
import dev.tessera.events.product.ProductStateV1;
import java.time.Instant;
import java.util.List;

/** Registry and governance events as the lineage service receives them, built small for tests. */
public final class Products {

    private Products() {}

    /** An ODPS descriptor: output ports (name, contract id, postgres table or null) and input contract ids. */
    public static JsonNode descriptor(String productId, String domain, List<String[]> outputs, List<String> inputs) {
        ObjectNode descriptor = PlatformEvents.json().createObjectNode();
        descriptor.put("apiVersion", "v1.0.0").put("kind", "DataProduct").put("id", productId);
        descriptor.put("domain", domain);
        descriptor.putObject("team").putArray("members").addObject().put("username", "ann");
        ArrayNode out = descriptor.putArray("outputPorts");
        for (String[] port : outputs) {
            ObjectNode p = out.addObject().put("name", port[0]).put("version", "1.0.0");
            ObjectNode contract = p.putObject("contract").put("id", port[1]);
            if (port.length > 2 && port[2] != null) {
                contract.putArray("servers")
                        .addObject()
                        .put("server", "prod")
                        .put("type", "postgres")
                        .put("host", "db.example.com")
                        .put("port", 5432)
                        .put("database", "shop")
                        .put("schema", "public");
                contract.putArray("schema").addObject().put("name", port[2]);
            }
        }
        ArrayNode in = descriptor.putArray("inputPorts");
        int i = 0;
        for (String contractId : inputs) {
            in.addObject().put("name", "in-" + i++).put("version", "1.0.0").put("contractId", contractId);
        }
        return descriptor;
    }

    public static ProductStateV1 state(String productId, String domain, long sequence, JsonNode descriptor) {
        return new ProductStateV1(
                productId,
                sequence,
                domain,
                productId + " product",
                new ProductStateV1.Change(
                        sequence == 1 ? "CREATED" : "DRAFT_UPDATED", "1.0.0", null, null, "ann", null),
                List.of(new ProductStateV1.VersionSummary("1.0.0", "DRAFT", null, null, Instant.now())),
                "1.0.0",
                null,
                descriptor,
                null,
                null,
                Instant.now());
    }

    /** Publishes a product state on tessera.products. */
    public static void publish(ProductStateV1 state) {
        PlatformEvents.send(EventType.PRODUCT_UPDATED, state.productId(), state.sequence(), state);
    }

    public static AccessRequestStateV1 grant(
            String requestId, long sequence, String productId, String port, String consumerProduct, String status) {
        return new AccessRequestStateV1(
                requestId,
                sequence,
                productId,
                port,
                null,
                null,
                new AccessRequestStateV1.Consumer("bob", consumerProduct, null),
                "reporting",
                null,
                status,
                List.of(new AccessRequestStateV1.Step(status, "gov", Instant.now(), null)),
                Instant.now());
    }

    public static void publishDomain(String domainId, String ownerGroup) {
        PlatformEvents.send(
                EventType.DOMAIN_UPSERTED,
                domainId,
                1,
                new DomainStateV1(domainId, 1, domainId + " domain", null, ownerGroup, null, Instant.now()));
    }
}
