package dev.tessera.portal.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failing policies are read from governance's latest evaluations and turned around by policy. */
class FailingProductsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void productsComeWorstFirstAndEachPolicyListsTheProductsFailingIt() throws Exception {
        List<FailingProducts.Hit> hits = List.of(
                hit(
                        "{\"id\":\"a\",\"name\":\"A\",\"domain\":\"retail\",\"complianceRating\":\"C\",\"complianceScore\":64.6}"),
                hit(
                        "{\"id\":\"b\",\"name\":\"B\",\"domain\":\"retail\",\"complianceRating\":\"E\",\"complianceScore\":20}"),
                hit(
                        "{\"id\":\"c\",\"name\":\"C\",\"domain\":\"finance\",\"complianceRating\":\"A\",\"complianceScore\":95}"),
                hit(
                        "{\"id\":\"d\",\"name\":\"D\",\"domain\":\"finance\",\"complianceRating\":\"D\",\"complianceScore\":50}"));
        Map<String, JsonNode> pages = Map.of(
                "a",
                        evaluation(
                                "[{\"policyId\":\"owner\",\"name\":\"Owner named\",\"severity\":\"BLOCKING\",\"outcome\":\"FAIL\","
                                        + "\"message\":\"No owner\",\"remediation\":\"Name one\"}]"),
                "b",
                        evaluation("[{\"name\":\"Owner named\",\"severity\":\"BLOCKING\",\"outcome\":\"FAIL\"},"
                                + "{\"name\":\"Tags\",\"severity\":\"WARNING\",\"outcome\":\"ERROR\"},"
                                + "{\"name\":\"Described\",\"severity\":\"WARNING\",\"outcome\":\"PASS\"}]"),
                "c",
                        evaluation("[{\"name\":\"Owner named\",\"severity\":\"BLOCKING\",\"outcome\":\"PASS\"},"
                                + "{\"name\":\"Tags\",\"severity\":\"WARNING\",\"outcome\":\"NOT_APPLICABLE\"}]"));

        FailingProducts failing = FailingProducts.of(hits, pages, List.of(new FailingProducts.Band("A", 3)));

        assertThat(failing.products()).extracting(FailingProducts.Product::id).containsExactly("b", "a");
        assertThat(failing.products().get(1).score()).isEqualTo("65");
        assertThat(failing.products().get(1).failures().getFirst().remediation())
                .isEqualTo("Name one");
        assertThat(failing.policies())
                .containsExactly(
                        new FailingProducts.Policy("Owner named", "BLOCKING", List.of("b", "a")),
                        new FailingProducts.Policy("Tags", "WARNING", List.of("b")));
        assertThat(failing.unread()).containsExactly("d");
    }

    @Test
    void theBandFacetIsReadInBandOrder() throws Exception {
        JsonNode search = JSON.readTree(
                "{\"facets\":{\"rating\":[{\"value\":\"E\",\"count\":2},{\"value\":\"A\",\"count\":7}]}}");
        assertThat(FailingProducts.bands(search))
                .containsExactly(new FailingProducts.Band("A", 7), new FailingProducts.Band("E", 2));
    }

    private static FailingProducts.Hit hit(String json) throws Exception {
        return FailingProducts.Hit.of(JSON.readTree(json));
    }

    private static JsonNode evaluation(String outcomes) throws Exception {
        return JSON.readTree("{\"productId\":\"x\",\"outcomes\":" + outcomes + "}");
    }
}
