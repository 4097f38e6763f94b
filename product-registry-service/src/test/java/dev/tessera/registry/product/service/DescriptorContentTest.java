package dev.tessera.registry.product.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DescriptorContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DescriptorContent content = content();

    @Test
    void theHashIsSha256OfTheCompactJsonWithSortedKeysAndNoStatus() throws Exception {
        JsonNode descriptor = JSON.readTree("""
                {"version":"1.0.0","status":"draft","id":"orders","outputPorts":[{"name":"b","contractId":"c"}]}
                """);

        String canonical =
                "{\"id\":\"orders\",\"outputPorts\":[{\"contractId\":\"c\",\"name\":\"b\"}],\"version\":\"1.0.0\"}";
        assertThat(content.hash(descriptor)).isEqualTo(sha256(canonical));
    }

    @Test
    void keyOrderAndStatusDoNotChangeTheHashButContentDoes() throws Exception {
        JsonNode written = JSON.readTree("{\"id\":\"orders\",\"name\":\"Orders\",\"status\":\"draft\"}");
        JsonNode reordered = JSON.readTree("{\"name\":\"Orders\",\"status\":\"active\",\"id\":\"orders\"}");
        JsonNode renamed = JSON.readTree("{\"id\":\"orders\",\"name\":\"All orders\",\"status\":\"draft\"}");

        assertThat(content.hash(reordered)).isEqualTo(content.hash(written));
        assertThat(content.hash(renamed)).isNotEqualTo(content.hash(written));
    }

    @Test
    void withoutStatusLeavesTheGivenDescriptorAsItWas() throws Exception {
        JsonNode descriptor = JSON.readTree("{\"id\":\"orders\",\"status\":\"draft\"}");

        assertThat(DescriptorContent.withoutStatus(descriptor).has("status")).isFalse();
        assertThat(descriptor.get("status").asText()).isEqualTo("draft");
    }

    private static DescriptorContent content() {
        DescriptorContent content = new DescriptorContent();
        content.json = JSON;
        return content;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
