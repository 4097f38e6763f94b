package dev.tessera.governance.evaluation.variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.governance.evaluation.repository.ProductStateEntity;
import dev.tessera.governance.evaluation.repository.ProductStateRepository;
import dev.tessera.governance.lineage.LineageEdgeEntity;
import dev.tessera.governance.lineage.LineageEdgeRepository;
import dev.tessera.governance.policy.engine.PolicyVariable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code consumers} variable: the products downstream of a product, from lineage's edges. Each
 * entry has {@code productId}, {@code domainId}, {@code name}, {@code owners} (the usernames of the
 * consuming product's team members with role {@code owner}, as its latest state names them; empty
 * when governance has not seen that product), {@code kind} (INPUT_PORT, ACCESS_GRANT) and {@code
 * label}, the consumer in words ({@code orders-analytics (domain sales, owners ann, bob, through a
 * declared input port)}). Every field is present, so a policy's message can join them without
 * guarding each one; building the label per consumer inside a message would cost more than the
 * policy budget allows for a list of any length, while joining ready labels costs nothing.
 */
@ApplicationScoped
public class ConsumersSource implements VariableSource {

    @Inject
    LineageEdgeRepository edges;

    @Inject
    ProductStateRepository states;

    @Inject
    ObjectMapper json;

    @Override
    public PolicyVariable variable() {
        return PolicyVariable.CONSUMERS;
    }

    @Override
    public JsonNode valueFor(String productId, Instant now) {
        ArrayNode consumers = JsonNodeFactory.instance.arrayNode();
        if (productId != null) {
            for (LineageEdgeEntity edge : edges.consumersOf(productId)) {
                consumers.add(consumer(edge));
            }
        }
        return consumers;
    }

    private ObjectNode consumer(LineageEdgeEntity edge) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("productId", edge.toProduct);
        ProductStateEntity consumerState = states.findById(edge.toProduct);
        JsonNode descriptor = consumerState == null
                ? NullNode.getInstance()
                : read(consumerState.state).path("descriptor");
        String domain = edge.toDomain != null ? edge.toDomain : consumerState == null ? null : consumerState.domainId;
        c.put("domainId", domain == null ? "" : domain);
        c.put("name", descriptor.path("name").asText(edge.toProduct));
        ArrayNode owners = c.putArray("owners");
        for (JsonNode member : descriptor.path("team").path("members")) {
            if ("owner".equalsIgnoreCase(member.path("role").asText())
                    && member.path("username").isTextual()) {
                owners.add(member.get("username").asText());
            }
        }
        c.put("kind", edge.kind == null ? "" : edge.kind);
        c.put("label", label(c));
        return c;
    }

    private static String label(ObjectNode consumer) {
        List<String> owners = new ArrayList<>();
        consumer.path("owners").forEach(o -> owners.add(o.asText()));
        String domain = consumer.path("domainId").asText();
        String link =
                switch (consumer.path("kind").asText()) {
                    case "INPUT_PORT" -> "through a declared input port";
                    case "ACCESS_GRANT" -> "through an access grant";
                    case "" -> "through an unnamed link";
                    default -> "through " + consumer.path("kind").asText();
                };
        return consumer.path("productId").asText()
                + " (domain " + (domain.isEmpty() ? "unknown" : domain)
                + (owners.isEmpty() ? ", no owner named" : ", owners " + String.join(", ", owners))
                + ", " + link + ")";
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored product state is unreadable", e);
        }
    }
}
