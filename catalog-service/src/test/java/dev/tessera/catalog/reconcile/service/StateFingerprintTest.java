package dev.tessera.catalog.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Reconciliation tells states apart by their fingerprints alone. */
class StateFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static long of(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return StateFingerprint.of(node);
    }

    @Test
    void equalStatesMatchWhateverTheOrderOfTheirFields() throws Exception {
        String state =
                "{\"productId\":\"orders\",\"sequence\":5,\"tags\":[\"a\",\"b\"],\"team\":{\"name\":\"t\",\"size\":2}}";
        String reordered =
                "{\"team\":{\"size\":2,\"name\":\"t\"},\"tags\":[\"a\",\"b\"],\"sequence\":5,\"productId\":\"orders\"}";
        assertThat(of(reordered)).isEqualTo(of(state));
        assertThat(JSON.readTree(reordered)).isEqualTo(JSON.readTree(state));
    }

    @Test
    void anyChangeGivesAnotherFingerprint() throws Exception {
        long base = of("{\"name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":1,\"owner\":null}");
        for (String changed : new String[] {
            "{\"name\":\"Tampered\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":1,\"owner\":null}",
            "{\"name\":\"Orders\",\"tags\":[\"b\",\"a\"],\"pii\":false,\"score\":1,\"owner\":null}",
            "{\"name\":\"Orders\",\"tags\":[\"a\"],\"pii\":false,\"score\":1,\"owner\":null}",
            "{\"name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":true,\"score\":1,\"owner\":null}",
            "{\"name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":\"1\",\"owner\":null}",
            "{\"name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":2,\"owner\":null}",
            "{\"name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":1}",
            "{\"name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":1,\"owner\":\"null\"}",
            "{\"Name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":1,\"owner\":null}",
            "{\"name\":\"Orders\",\"tags\":[\"a\",\"b\"],\"pii\":false,\"score\":1,\"owner\":null,\"extra\":{}}"
        }) {
            assertThat(of(changed)).as(changed).isNotEqualTo(base);
        }
    }

    @Test
    void swappingValuesBetweenFieldsIsNoticed() throws Exception {
        assertThat(of("{\"a\":\"x\",\"b\":\"y\"}")).isNotEqualTo(of("{\"a\":\"y\",\"b\":\"x\"}"));
        assertThat(of("{\"a\":{\"b\":1}}")).isNotEqualTo(of("{\"b\":{\"a\":1}}"));
    }
}
