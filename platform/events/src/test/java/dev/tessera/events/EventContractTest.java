package dev.tessera.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class EventContractTest {

    @Test
    void everyTypeFollowsTheNamingRuleAndHasALoadableSchema() throws Exception {
        for (EventType type : EventType.values()) {
            assertThat(type.type()).matches("dev\\.tessera\\.[a-z]+\\.[a-z-]+\\.v[0-9]+");
            assertThat(Topics.ALL).contains(type.topic());
            try (InputStream in = EventSchemas.open(type)) {
                var schema = new ObjectMapper().readTree(in);
                assertThat(schema.path("$id").asText())
                        .isEqualTo(type.dataSchema().toString());
            }
        }
    }

    @Test
    void asyncApiDocumentsEveryTopicAndEveryType() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
            var doc = new YAMLMapper().readTree(in);
            assertThat(doc.path("asyncapi").asText()).startsWith("3.");
            var addresses = doc.path("channels").findValuesAsText("address");
            assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
            var names = doc.path("components").path("messages").findValuesAsText("name");
            for (EventType type : EventType.values()) {
                assertThat(names).contains(type.type());
            }
        }
    }

    @Test
    void schemaRejectsAPayloadMissingRequiredFields() throws Exception {
        var payload = new ObjectMapper().readTree("{\"productId\":\"p1\",\"sequence\":0}");

        assertThat(EventSchemas.validate(EventType.PRODUCT_UPDATED, payload))
                .isNotEmpty()
                .anySatisfy(m -> assertThat(m).contains("domainId"));
    }
}
